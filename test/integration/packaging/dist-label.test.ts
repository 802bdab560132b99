// `npm run dist` labels what it builds: an unsigned installer says so in its file name.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const SIGNING = ['CSC_LINK', 'WIN_CSC_LINK', 'CSC_NAME', 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID', 'APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'];

async function plan(args: string[], extra: Record<string, string>): Promise<Record<string, unknown>> {
  const env: Record<string, string | undefined> = { ...process.env, ...extra };
  for (const name of SIGNING) if (!(name in extra)) delete env[name];
  const { stdout } = await run(process.execPath, ['scripts/dist.mjs', ...args, '--dry-run'], { env });
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('npm run dist: the build label', () => {
  it('no certificate: "-unsigned" on both platforms', async () => {
    expect(await plan(['--win'], {})).toMatchObject({ platform: 'win', signed: false, label: '-unsigned' });
    expect(await plan(['--mac'], {})).toMatchObject({ platform: 'mac', signed: false, label: '-unsigned' });
  });

  it('Windows with CSC_LINK: signed, no label', async () => {
    expect(await plan(['--win'], { CSC_LINK: 'file.p12' })).toMatchObject({ signed: true, label: '' });
  });

  it('macOS signed but without notarization credentials: "-unnotarized"; with them: no label', async () => {
    expect(await plan(['--mac'], { CSC_LINK: 'id.p12', APPLE_ID: 'a@example.com' })).toMatchObject({ signed: true, notarized: false, label: '-unnotarized' });
    expect(await plan(['--mac'], { CSC_LINK: 'id.p12', APPLE_ID: 'a@example.com', APPLE_APP_SPECIFIC_PASSWORD: 'x', APPLE_TEAM_ID: 'T' })).toMatchObject({ notarized: true, label: '' });
  });

  it('builds with the checked config and never publishes', async () => {
    expect((await plan(['--win', '--dir'], {}))['builder']).toEqual(['--win', '--config', 'electron-builder.yml', '--publish', 'never', '--dir']);
  });

  it('refuses to guess on Linux', async () => {
    if (process.platform !== 'linux') return;
    const failed = await run(process.execPath, ['scripts/dist.mjs', '--dry-run']).then(() => null, (e: { code?: number; stderr?: string }) => e);
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toMatch(/pass --win or --mac/);
  });
});

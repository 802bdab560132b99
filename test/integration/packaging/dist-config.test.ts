// What `npm run dist` changes in electron-builder.yml, checked with electron-builder's own config
// loader and schema (offline): an unsigned macOS build is signed ad hoc without the hardened runtime
// and notarization (an ad-hoc signature has no Team ID for library validation, and cannot be
// notarized); a test build turns the inspect fuse on in its own output folder; everything else is the
// checked file's.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const SIGNING = ['CSC_LINK', 'WIN_CSC_LINK', 'CSC_NAME', 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID', 'APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'];
const dir = mkdtempSync(path.join(tmpdir(), 'fota-dist-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Plan {
  overrides: Record<string, unknown> | null;
  config: Record<string, unknown> | string;
  builder: string[];
  unpacked: { executable: string; launcher: string } | null;
}

async function plan(args: string[], extra: Record<string, string> = {}): Promise<Plan> {
  const env: Record<string, string | undefined> = { ...process.env, ...extra };
  for (const name of SIGNING) if (!(name in extra)) delete env[name];
  const { stdout } = await run(process.execPath, ['scripts/dist.mjs', ...args, '--dry-run'], { env });
  return JSON.parse(stdout) as Plan;
}

// electron-builder's loader, as its CLI runs it on `--config <file>` (CommonJS, untyped).
type BuilderConfig = Record<string, Record<string, unknown> | unknown>;
const builderConfig = createRequire(import.meta.url)('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
};
const { DebugLogger } = createRequire(import.meta.url)('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

/** The configuration electron-builder would build with from `config` (a derived object or the file). */
async function resolved(config: Record<string, unknown> | string): Promise<BuilderConfig> {
  let file = config as string;
  if (typeof config !== 'string') {
    file = path.join(dir, `derived-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(config));
  }
  const cfg = await builderConfig.getConfig(process.cwd(), file, null);
  await builderConfig.validateConfiguration(cfg, new DebugLogger(false));
  delete cfg['extends'];
  return cfg;
}

describe('npm run dist: the configuration it builds with', () => {
  it('an unsigned macOS build: ad hoc ("-"), no hardened runtime, no notarization; all else the checked file', async () => {
    const unsigned = await plan(['--mac']);
    expect(unsigned.builder).toEqual(['--mac', '--config', '<derived>', '--publish', 'never']);
    const cfg = await resolved(unsigned.config);
    const base = await resolved('electron-builder.yml');
    expect(cfg['mac']).toEqual({ ...(base['mac'] as object), identity: '-', hardenedRuntime: false, notarize: false });
    expect({ ...cfg, mac: null }).toEqual({ ...base, mac: null });
  });

  it('a signed macOS build and every Windows build use the checked file as it is', async () => {
    expect(await plan(['--mac'], { CSC_LINK: 'id.p12' })).toMatchObject({ overrides: null, config: 'electron-builder.yml' });
    expect(await plan(['--win'])).toMatchObject({ overrides: null, config: 'electron-builder.yml' });
  });

  it('a test build: the inspect fuse on, in release/inspectable; the other fuses as shipped', async () => {
    const test = await plan(['--win', '--dir', '--test-build', '--x64']);
    const cfg = await resolved(test.config);
    const base = await resolved('electron-builder.yml');
    expect(cfg['electronFuses']).toEqual({ ...(base['electronFuses'] as object), enableNodeCliInspectArguments: true });
    expect(cfg['electronFuses']).toMatchObject({ enableEmbeddedAsarIntegrityValidation: true, onlyLoadAppFromAsar: true, runAsNode: true });
    expect(cfg['directories']).toEqual({ ...(base['directories'] as object), output: 'release/inspectable' });
    expect(test.unpacked).toEqual({
      executable: 'release/inspectable/win-unpacked/FOTA Desk.exe',
      launcher: 'release/inspectable/win-unpacked/resources/bin/fota.cmd',
    });
    expect((await plan(['--mac', '--dir', '--test-build', '--arm64'])).unpacked).toEqual({
      executable: 'release/inspectable/mac-arm64/FOTA Desk.app/Contents/MacOS/FOTA Desk',
      launcher: 'release/inspectable/mac-arm64/FOTA Desk.app/Contents/Resources/bin/fota',
    });
  });

  it('refuses a test build that is not an unpacked app (it would be an installer with the inspector on)', async () => {
    const failed = await run(process.execPath, ['scripts/dist.mjs', '--win', '--test-build', '--dry-run']).then(() => null, (e: { code?: number; stderr?: string }) => e);
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toMatch(/--test-build .* add --dir/);
  });
});

describe('npm run dist: the environment electron-builder gets', async () => {
  const { builderEnv } = (await import(/* @vite-ignore */ path.resolve('scripts/dist.mjs'))) as {
    builderEnv(env: Record<string, string>, platform: string, signed: boolean, label: string): Record<string, string>;
  };

  it('unsigned: no identity discovery; on macOS ad-hoc signing also in pull-request builds', () => {
    expect(builderEnv({ CSC_LINK: ' ' }, 'mac', false, '-unsigned')).toEqual({ FOTA_DESK_BUILD_LABEL: '-unsigned', CSC_IDENTITY_AUTO_DISCOVERY: 'false', CSC_FOR_PULL_REQUEST: 'true' });
    expect(builderEnv({}, 'win', false, '-unsigned')).toEqual({ FOTA_DESK_BUILD_LABEL: '-unsigned', CSC_IDENTITY_AUTO_DISCOVERY: 'false' });
  });

  it('signed: the secrets pass through, and pull requests stay unsigned as electron-builder decides', () => {
    expect(builderEnv({ CSC_LINK: 'id.p12', CSC_KEY_PASSWORD: 'pw' }, 'mac', true, '-unnotarized')).toEqual({ CSC_LINK: 'id.p12', CSC_KEY_PASSWORD: 'pw', FOTA_DESK_BUILD_LABEL: '-unnotarized' });
  });
});

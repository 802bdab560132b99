// .github/workflows/desktop.yml cannot run here (no Electron, no Windows or macOS runner), so its
// shape is held here: it parses, runs on every change, runs the Electron E2E on the built app, and a
// second job builds the unpacked test app with `dist --dir --test-build`, runs the Electron E2E
// against that executable and then the `fota` inside it. The commands it runs exist, and the paths
// it takes from dist's plan are the ones dist reports here.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  name: string;
  'runs-on': string;
  strategy: { matrix: { include: Record<string, string>[] } };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

// js-yaml: the YAML reader electron-builder itself loads its config with.
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
const text = readFileSync('.github/workflows/desktop.yml', 'utf8');
const workflow = yaml.load(text) as Workflow;
const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };

const stepIndex = (job: Job, pattern: RegExp): number => job.steps.findIndex((s) => pattern.test(s.run ?? ''));
const runs = (job: Job): string => job.steps.map((s) => s.run ?? '').join('\n');

describe('the desktop workflow', () => {
  it('runs on every change: pull requests and pushes without a path filter, tags and by hand', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push', 'workflow_dispatch']);
    expect(workflow.on['pull_request'] ?? {}).not.toHaveProperty('paths');
    expect(workflow.on['push']).toEqual({ branches: ['main'], tags: ['v*'] });
    expect(text).not.toMatch(/paths(-ignore)?:/);
  });

  it('desktop job: the Electron E2E on the built app (never skipped by a condition), then the installers', () => {
    const job = workflow.jobs['desktop']!;
    expect(job.strategy.matrix.include.map((m) => m['os'])).toEqual(['windows-latest', 'macos-latest']);
    const build = stepIndex(job, /npx electron-vite build/);
    const e2e = stepIndex(job, /^npx playwright test --project=electron\b/);
    const dist = stepIndex(job, /^npm run dist -- --\$\{\{ matrix\.platform \}\}$/);
    expect(build).toBeGreaterThan(-1);
    expect(e2e).toBeGreaterThan(build);
    expect(dist).toBeGreaterThan(e2e);
    expect(job.steps[e2e]!.if).toBeUndefined();
    expect(runs(job)).not.toMatch(/--test-build/);
  });

  it('packaged job: the unpacked test app, the Electron E2E against its executable, then its fota', () => {
    const job = workflow.jobs['packaged']!;
    expect(job.strategy.matrix.include.map((m) => [m['os'], m['platform']])).toEqual([['windows-latest', 'win'], ['macos-latest', 'mac']]);
    const where = job.steps.findIndex((s) => s.id === 'app');
    const build = stepIndex(job, /^npm run dist -- --\$\{\{ matrix\.platform \}\} --dir --test-build$/);
    const e2e = stepIndex(job, /^npx playwright test --project=electron\b/);
    const smoke = stepIndex(job, /^node scripts\/smoke-packaged-cli\.mjs "\$\{\{ steps\.app\.outputs\.launcher \}\}"$/);
    expect(stepIndex(job, /^npm ci$/)).toBe(2);
    expect([where, build, e2e, smoke].every((i, n, all) => i > (n === 0 ? 2 : all[n - 1]!))).toBe(true);
    expect(job.steps[where]!.run).toMatch(/node scripts\/dist\.mjs --\$\{\{ matrix\.platform \}\} --dir --test-build --dry-run/);
    expect(job.steps[where]!.run).toMatch(/>> "\$GITHUB_OUTPUT"$/);
    expect(job.steps[e2e]!.env).toEqual({ FOTA_E2E_EXECUTABLE: '${{ steps.app.outputs.executable }}' });
    // A test build never sees a signing secret and is never uploaded as a release.
    expect(JSON.stringify(job)).not.toMatch(/secrets\./);
    expect(job.steps.filter((s) => s.uses?.startsWith('actions/upload-artifact')).every((s) => s.if === 'failure()' && s.with?.['path'] === 'test-results/')).toBe(true);
  });

  it('the "where" step gets the executable and launcher dist reports for each runner', async () => {
    const where = workflow.jobs['packaged']!.steps.find((s) => s.id === 'app')!.run!;
    const extract = /node -e "(.*)"\s*>>/.exec(where)?.[1];
    expect(extract).toBeTruthy();
    for (const [platform, arch, executable, launcher] of [
      ['win', '--x64', 'release/inspectable/win-unpacked/FOTA Desk.exe', 'release/inspectable/win-unpacked/resources/bin/fota.cmd'],
      ['mac', '--arm64', 'release/inspectable/mac-arm64/FOTA Desk.app/Contents/MacOS/FOTA Desk', 'release/inspectable/mac-arm64/FOTA Desk.app/Contents/Resources/bin/fota'],
    ] as const) {
      // The runner's own architecture stands in for --x64/--arm64 there.
      const { stdout: plan } = await run(process.execPath, ['scripts/dist.mjs', `--${platform}`, arch, '--dir', '--test-build', '--dry-run']);
      const child = run(process.execPath, ['-e', extract!]);
      child.child.stdin!.end(plan);
      expect((await child).stdout).toBe(`executable=${executable}\nlauncher=${launcher}\n`);
    }
  });

  it('calls only scripts and npm scripts that exist', () => {
    for (const job of Object.values(workflow.jobs)) {
      for (const [, script] of runs(job).matchAll(/node (scripts\/[\w.-]+\.m?js)/g)) expect(existsSync(script!), script).toBe(true);
      for (const [, name] of runs(job).matchAll(/npm run ([\w:-]+)/g)) expect(packageJson.scripts, name).toHaveProperty(name!);
    }
  });
});

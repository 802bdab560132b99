// Electron E2E of the built app (`npx electron-vite build` first) with a temporary data folder:
// the hardened window, practice mode → import → send → history, and a cold start with a `.fotabatch`
// in the command line. It runs wherever the Electron binary is installed (desktop machines,
// .github/workflows/desktop.yml) and skips with the reason where it is not, as on our build machines.
// With FOTA_E2E_EXECUTABLE it runs against a packaged app instead (`npm run dist -- --dir
// --test-build`: the installers' fuses but the inspector, which _electron.launch needs); a packaged
// app ignores FOTA_DESK_DATA_DIR, so it then uses the real data folder, and refuses one that is
// not empty. Names are the renderer's accessible names.
import { test, expect, _electron as electron, type ElectronApplication, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path, { dirname, join } from 'node:path';
import { currentDataFolder } from '../../main/store/data-folder.ts';

const packagedExecutable = process.env['FOTA_E2E_EXECUTABLE'] ? path.resolve(process.env['FOTA_E2E_EXECUTABLE']) : null;
const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
const pathTxt = join(dir, 'path.txt');
const bin = packagedExecutable ?? (existsSync(pathTxt) ? join(dir, 'dist', readFileSync(pathTxt, 'utf8').trim()) : null);
const reason = `Electron binary not installed (${pathTxt} missing); run on a desktop or a networked CI`;
// A packaged app that was asked for but is missing is a failure, not a reason to skip.
if (packagedExecutable && !existsSync(packagedExecutable)) {
  throw new Error(`FOTA_E2E_EXECUTABLE names ${packagedExecutable}, which does not exist: build it with \`npm run dist -- --dir --test-build\`.`);
}
const missing = bin === null || !existsSync(bin);
if (missing) console.log(`[e2e-electron] SKIPPED: ${reason}`);

const repo = process.cwd();
const fixture = path.join(repo, 'test', 'e2e-electron', 'fixtures', 'practice-devices.csv');

test.describe.configure({ mode: 'serial' });
test.skip(missing, reason);

let app: ElectronApplication;
let page: Page;
let dataDir = '';
let scratch = '';
// main's own log lines (the guards report what they refused there)
let mainLog = '';

/** Starts the app (with extra command-line arguments, as Explorer passes a double-clicked file). */
async function launch(extraArgs: readonly string[] = []): Promise<void> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !['ELECTRON_RUN_AS_NODE', 'ELECTRON_RENDERER_URL', 'FOTA_E2E_EXECUTABLE'].includes(key)) env[key] = value;
  }
  mainLog = '';
  app = await electron.launch({
    executablePath: bin ?? '',
    // A packaged app loads its own app.asar; a checkout is started on its folder.
    args: packagedExecutable ? [...extraArgs] : ['.', ...extraArgs],
    cwd: repo,
    // A fresh data folder (honoured because the app is not packaged) and secrets kept in memory.
    env: { ...env, FOTA_DESK_DATA_DIR: dataDir, FOTA_DESK_INSECURE_MEMORY_SECRETS: '1' },
    timeout: 60_000,
  });
  app.process().stderr?.on('data', (chunk: Buffer) => (mainLog += chunk.toString()));
  page = await app.firstWindow({ timeout: 60_000 });
  await page.waitForLoadState('domcontentloaded');
}

test.beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), 'fota-e2e-electron-'));
  if (packagedExecutable) {
    dataDir = currentDataFolder(process.env, true);
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
      throw new Error(`The packaged app uses the real data folder ${dataDir}, and it is not empty: run this on a clean machine (CI) or move that folder aside first.`);
    }
  } else {
    if (!existsSync(path.join(repo, 'out', 'main', 'index.js'))) throw new Error('The app is not built: run `npx electron-vite build` before the Electron E2E.');
    dataDir = path.join(scratch, 'data');
  }
  await launch();
});

test.afterAll(async () => {
  await app?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

test('the window is the hardened one: app:// origin, sandbox, no Node, only window.fota', async () => {
  expect(page.url()).toBe('app://fota/index.html');
  // Node stays out of the page, and the preload's own scope is isolated from it.
  expect(await page.evaluate(() => [typeof (globalThis as Record<string, unknown>)['require'], typeof (globalThis as Record<string, unknown>)['process']])).toEqual(['undefined', 'undefined']);
  expect(await page.evaluate(() => Object.keys((globalThis as unknown as { fota: object }).fota).sort())).toEqual(['invoke', 'on', 'transport']);
  // The protocol sends the CSP as a header, equal to the page's meta.
  const csp = await page.evaluate(async () => (await fetch('/index.html')).headers.get('content-security-policy'));
  const meta = await page.evaluate<string | null>(`document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null`);
  expect(csp).toBe(meta);
  // The data folder is the temporary one (packaged: the one `fota` computes too).
  expect(await app.evaluate(({ app: a }) => a.getPath('userData'))).toBe(dataDir);
  expect(await app.evaluate(({ app: a }) => a.isPackaged)).toBe(packagedExecutable !== null);
});

test('navigation away and window.open are refused; the page cannot reach the network', async () => {
  await page.evaluate(`window.open('https://example.com/'); location.href = 'https://example.com/';`);
  // Wait for the guards' own reports rather than for a fixed time.
  await expect.poll(() => mainLog, { timeout: 10_000 }).toMatch(/window\.open refused: https:\/\/example\.com\//);
  await expect.poll(() => mainLog, { timeout: 10_000 }).toMatch(/navigation refused: https:\/\/example\.com\//);
  expect(page.url()).toBe('app://fota/index.html');
  expect(app.windows()).toHaveLength(1);
  const fetched = await page.evaluate(async () => fetch('https://example.com/').then(() => 'reached', (e: unknown) => `refused: ${String(e)}`));
  expect(fetched).toMatch(/^refused/);
});

test('first run → practice mode → licence, over IPC with the sender check in force', async () => {
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to FOTA Desk' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('active-profile')).toContainText('PRACTICE');
  await page.getByRole('button', { name: 'Start in practice mode' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Licence' })).toBeVisible();
  await expect(page.locator('.facts')).toContainText('Normal', { timeout: 30_000 });
  const info = await page.evaluate(() => (globalThis as unknown as { fota: { invoke: Record<string, () => Promise<unknown>> } }).fota.invoke['app:info']!());
  expect(info).toMatchObject({ ok: true, data: { transport: 'electron' } });
});

test('import a device list', async () => {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
  await page.getByLabel('Spreadsheet file').setInputFiles(fixture);
  await expect(page.getByTestId('import-totals')).toContainText('4 rows read', { timeout: 30_000 });
  await expect(page.getByTestId('import-totals')).toContainText('1 rejected');
});

// The names below are the window's own (test/e2e-web/04-batches.spec.ts drives the same screens).
test('build a batch → dry run → send → history', async () => {
  await page.getByRole('button', { name: /^Build a batch from these \d+ devices…$/ }).click();
  const create = page.getByRole('dialog', { name: 'Create a batch' });
  await create.getByLabel('Batch name').fill('Electron E2E');
  await create.getByLabel('Wi-Fi only (the device waits for Wi-Fi)').check();
  await create.getByRole('button', { name: 'Create the draft batch' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Batch: Electron E2E' })).toBeVisible();
  await page.getByRole('button', { name: 'Dry run (Ctrl+Enter)' }).click();
  await expect(page.getByTestId('dry-run')).toContainText('3 devices to send', { timeout: 30_000 });
  await page.getByTestId('dry-run').getByRole('button', { name: 'Send…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Send Electron E2E?' });
  await confirm.getByRole('button', { name: /^Send 3 devices to / }).click();
  await expect(page.getByTestId('send-phase')).toContainText('Finished', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Follow it in History' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
  await expect(page.getByTestId('history-detail').getByTestId('history-devices')).toContainText('C08900518981610');
});

// The cold-start fault of issue 18: the file was sent before the page listened, and lost.
test('cold start with a .fotabatch in the command line: the page opens the batch', async () => {
  // A batch prepared on another workstation (its own data folder) with the `fota` CLI, exported.
  const elsewhere = { ...process.env, FOTA_DESK_DATA_DIR: path.join(scratch, 'elsewhere'), FOTA_DESK_INSECURE_MEMORY_SECRETS: '1' };
  const cli = path.join(repo, 'out', 'node', 'fota.mjs');
  execFileSync(process.execPath, [cli, 'batch', 'create', fixture, '--name', 'Cold start', '--target', 'Latest', '--network', 'WIFIONLY'], { env: elsewhere });
  const handoffs = path.join(scratch, 'handoffs');
  mkdirSync(handoffs);
  execFileSync(process.execPath, [cli, 'batch', 'export', 'Cold start', '-o', path.join(handoffs, 'cold.fotabatch')], { env: elsewhere });
  const [file] = readdirSync(handoffs);
  expect(file).toMatch(/\.fotabatch$/);
  await app.close();
  await launch([path.join(handoffs, file!)]);
  await expect(page.getByRole('heading', { level: 1, name: 'Batch: Cold start' })).toBeVisible({ timeout: 30_000 });
  expect(app.windows()).toHaveLength(1);
});

// A start that fails inside start() — the data folder cannot be created, a file of the installation
// is missing — must not leave a windowless process holding the single-instance lock (later launches
// would quit silently). The entry, run against stand-ins for Electron, shows one error box saying
// what failed, the folder and what to do, releases the lock and exits non-zero.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const pending = vi.hoisted(async () => (await import('./fake-electron.ts')).createFakeElectron());
vi.mock('electron', async () => (await pending).electron);
// electron-store would load the real Electron; the start fails before any store is opened.
vi.mock('electron-store', () => ({ default: class {} }));
const fake = await pending;

const work = mkdtempSync(path.join(tmpdir(), 'fota-failed-start-'));
/** An installed app's files: the built renderer and preload. */
function appFolder(name: string, files: readonly string[]): string {
  const root = path.join(work, name);
  for (const file of files) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), file.endsWith('.html') ? '<!doctype html><title>FOTA Desk</title>' : '');
  }
  return root;
}
const complete = appFolder('complete', ['out/renderer/index.html', 'out/preload/index.cjs']);

/** Loads the entry afresh, lets the app become ready, and waits until it has exited. */
async function launch(): Promise<{ calls: string[]; box: { title: string; content: string } }> {
  const before = fake.calls.length;
  const boxes = fake.errorBoxes.length;
  vi.resetModules();
  await import('../../../main/app/index.ts');
  fake.ready();
  await vi.waitFor(() => expect(fake.calls.slice(before)).toContain('exit 1'));
  expect(fake.errorBoxes.length).toBe(boxes + 1);
  return { calls: fake.calls.slice(before), box: fake.errorBoxes.at(-1)! };
}

beforeAll(() => {
  vi.stubEnv('FOTA_DESK_INSECURE_MEMORY_SECRETS', '1');
  vi.stubEnv('ELECTRON_RENDERER_URL', '');
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterAll(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  rmSync(work, { recursive: true, force: true });
});

describe('a failed start', () => {
  it('the data folder cannot be created: says so with the folder and what to do, releases the lock, exits 1', async () => {
    // A file stands where a folder on the way to the data folder should be (as EACCES would, the
    // mkdir inside start() throws; root ignores permissions, so this is how a test makes it fail).
    writeFileSync(path.join(work, 'not-a-folder'), '');
    const dataDir = path.join(work, 'not-a-folder', 'FOTA Desk');
    vi.stubEnv('FOTA_DESK_DATA_DIR', dataDir);
    fake.setAppPath(complete);
    const { calls, box } = await launch();
    expect(box.title).toBe('FOTA Desk could not start');
    expect(box.content).toContain(`could not use its data folder:\n${dataDir}`);
    expect(box.content).toMatch(/What failed: ENOTDIR/);
    expect(box.content).toMatch(/Rename or move that file, then start FOTA Desk again/);
    // Box first (the admin reads it), then the lock goes, then the process ends with a non-zero code.
    expect(calls.filter((c) => ['showErrorBox', 'releaseSingleInstanceLock', 'exit 1', 'quit'].includes(c))).toEqual(['showErrorBox', 'releaseSingleInstanceLock', 'exit 1']);
    expect(fake.windows).toHaveLength(0);
    expect(fake.handlers.size).toBe(0);
  });

  it('a file of the installation is missing: names it and says to reinstall', async () => {
    vi.stubEnv('FOTA_DESK_DATA_DIR', path.join(work, 'data'));
    fake.setAppPath(appFolder('no-renderer', ['out/preload/index.cjs']));
    const { calls, box } = await launch();
    expect(box.content).toContain(`Part of the FOTA Desk installation is missing:\n${path.join(work, 'no-renderer', 'out', 'renderer')}`);
    expect(box.content).toMatch(/Install FOTA Desk again/);
    expect(box.content).toContain(path.join(work, 'data'));
    expect(calls).toContain('releaseSingleInstanceLock');
    expect(fake.windows).toHaveLength(0);
  });

  it('a missing preload is caught before a window could show an empty page', async () => {
    fake.setAppPath(appFolder('no-preload', ['out/renderer/index.html']));
    const { box } = await launch();
    expect(box.content).toContain(`Part of the FOTA Desk installation is missing:\n${path.join(work, 'no-preload', 'out', 'preload', 'index.cjs')}`);
    expect(fake.windows).toHaveLength(0);
  });
});

// The words of a failed start: what failed, which folder, what to do, for the failures admins meet.
// The errors are the ones Node raises (a real missing folder, and the codes of the data folder's
// mkdir that a test machine running as root cannot provoke).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../../main/desktop/app-protocol.ts';
import { startFailureBox } from '../../../main/desktop/start-failure.ts';

const work = mkdtempSync(path.join(tmpdir(), 'fota-start-failure-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const places = { dataDir: path.join(work, 'AppData', 'FOTA Desk'), appPath: path.join(work, 'app.asar') };

/** The error Node's mkdir raises with `code` for `file`. */
function mkdirError(code: string, file: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: refused, mkdir '${file}'`), { code, path: file, syscall: 'mkdir' });
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('nothing was thrown');
}

describe('the error box of a failed start', () => {
  it.each([
    ['EACCES', /may not write to .*Give it write access.*Controlled folder access/s],
    ['EPERM', /may not write to/],
    ['EROFS', /read-only disk/],
    ['ENOSPC', /disk \(or your quota\) is full\. Free some space/],
    ['ENOTDIR', /A file stands where FOTA Desk expects a folder/],
  ])('%s on the data folder: the folder, what failed and what to do', (code, advice) => {
    const box = startFailureBox(mkdirError(code, places.dataDir), places);
    expect(box.title).toBe('FOTA Desk could not start');
    expect(box.content).toContain(`FOTA Desk could not use its data folder:\n${places.dataDir}`);
    expect(box.content).toContain(`What failed: ${code}: refused`);
    expect(box.content).toMatch(advice);
    expect(box.content).toMatch(/Nothing in the data folder was changed or deleted/);
  });

  it('a file inside the data folder counts as the data folder', () => {
    const box = startFailureBox(mkdirError('EACCES', path.join(places.dataDir, 'logs')), places);
    expect(box.content).toContain('could not use its data folder');
  });

  it('a missing renderer folder (the app:// handler cannot start) says to reinstall, naming the path', () => {
    const appPath = path.join(work, 'installed');
    mkdirSync(appPath, { recursive: true });
    const error = thrown(() => createAppProtocolHandler(path.join(appPath, 'out', 'renderer')));
    const box = startFailureBox(error, { dataDir: places.dataDir, appPath });
    expect(box.content).toContain(`Part of the FOTA Desk installation is missing:\n${path.join(appPath, 'out')}`);
    expect(box.content).toMatch(/Install FOTA Desk again/);
    expect(box.content).toContain(`Your data folder is not affected:\n${places.dataDir}`);
  });

  it('a missing index.html fails the app:// handler at once, not as an empty window later', () => {
    const renderer = path.join(work, 'empty-renderer');
    mkdirSync(renderer, { recursive: true });
    expect(thrown(() => createAppProtocolHandler(renderer))).toMatchObject({ code: 'ENOENT', path: path.join(renderer, 'index.html') });
  });

  it('anything else: what failed, the data folder, and how to get help', () => {
    const box = startFailureBox(new TypeError('Cannot read properties of undefined'), places);
    expect(box.content).toContain('What failed: Cannot read properties of undefined');
    expect(box.content).toContain(`Data folder:\n${places.dataDir}`);
    expect(box.content).toMatch(/Start FOTA Desk again\. If it fails the same way, send this message/);
    expect(startFailureBox('a string', places).content).toContain('What failed: a string');
  });
});

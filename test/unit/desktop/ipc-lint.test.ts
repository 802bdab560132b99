// The lint ban on raw IPC bites: ipcMain/ipcRenderer are allowed in main/app/ipc.ts and
// preload/index.ts only. Each planted snippet is linted as if it lived at the given path.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function lintAs(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

const IMPORT_MAIN = "import { ipcMain } from 'electron';\nipcMain.handle('x', () => 1);\n";
const IMPORT_RENDERER = "import { ipcRenderer } from 'electron';\nvoid ipcRenderer.invoke('x');\n";
const NAMESPACE = "import * as electron from 'electron';\nelectron.ipcMain.handle('x', () => 1);\n";
const DESTRUCTURED = "const { ipcMain } = await import('electron');\nipcMain.handle('x', () => 1);\n";

describe('raw IPC is banned outside the two adapters', () => {
  it.each([
    ['main/app/menu-planted.ts', IMPORT_MAIN, /no-restricted-imports: .*raw IPC lives only in main\/app\/ipc\.ts/],
    ['main/app/planted.ts', NAMESPACE, /no-restricted-syntax: raw IPC/],
    ['main/app/planted2.ts', DESTRUCTURED, /no-restricted-syntax: raw IPC/],
    ['preload/planted.ts', IMPORT_RENDERER, /no-restricted-imports: .*raw IPC/],
    ['main/services/planted.ts', "declare const e: { ipcMain: unknown };\nvoid e.ipcMain;\n", /no-restricted-syntax: raw IPC/],
    ['renderer/src/planted.ts', "declare const w: { ipcRenderer: unknown };\nvoid w.ipcRenderer;\n", /no-restricted-syntax: raw IPC/],
  ])('%s fails the lint', async (filePath, code, expected) => {
    expect((await lintAs(code, filePath)).join('\n')).toMatch(expected);
  });

  it('main/app/ipc.ts may use ipcMain and preload/index.ts may use ipcRenderer', async () => {
    expect(await lintAs(IMPORT_MAIN, 'main/app/ipc.ts')).toEqual([]);
    expect(await lintAs(IMPORT_RENDERER, 'preload/index.ts')).toEqual([]);
  });

  it('other electron imports stay allowed in main/app/', async () => {
    expect(await lintAs("import { app } from 'electron';\nvoid app.whenReady();\n", 'main/app/planted3.ts')).toEqual([]);
  });
});

// Proves the folder-boundary lint rule bites: each planted fixture is linted as if it lived in the
// folder it would violate, and must fail with the layering (or DOM-globals) rule.
import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function lintAs(fixture: string, asPath: string): Promise<string[]> {
  const code = readFileSync(`test/fixtures/lint/${fixture}`, 'utf8');
  const [result] = await eslint.lintText(code, { filePath: asPath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('folder boundaries (ARCHITECTURE.md "Folders")', () => {
  it.each([
    ['common-imports-node.ts', 'common/efota/planted.ts', /local\/layering: common\/ runs in the renderer and Workers too: no Node built-ins/],
    ['common-imports-react.ts', 'common/import/planted.ts', /local\/layering: common\/ may import only common\//],
    ['common-uses-window.ts', 'common/batch/planted.ts', /no-restricted-globals: .*common\/ runs in Node too/],
    ['main-imports-electron.ts', 'main/efota/planted.ts', /local\/layering: only main\/app\/ and preload\/ may import electron/],
    ['renderer-imports-main.ts', 'renderer/src/planted.ts', /local\/layering: renderer\/ may import only renderer\/ and common\//],
    ['renderer-imports-node.ts', 'renderer/src/planted2.ts', /local\/layering: renderer\/ runs in a sandboxed page/],
    // Layers inside main/: a wrong-way import names both folders and the whole order.
    ['main-imports-upward.ts', 'main/services/planted.ts', /local\/layering: main\/services\/ must not import main\/ipc\/ \('main\/ipc\/handlers\.ts'\): main\/ipc\/ is in a higher layer than main\/services\/ \(layers inside main\/, lowest first: store \| simulator \| static < log < /],
    ['main-imports-upward.ts', 'main/store/planted.ts', /local\/layering: main\/store\/ must not import main\/ipc\//],
    ['main-imports-peer.ts', 'main/web/planted.ts', /local\/layering: main\/web\/ must not import main\/cli\/ .*: main\/cli\/ is in the same layer as main\/web\//],
    // Services word their errors through the classifier (main/services/contract-error.ts): none may reach up into ipc/.
    ['main-imports-contract-error.ts', 'main/services/planted.ts', /local\/layering: main\/services\/ must not import main\/ipc\//],
    ['main-imports-contract-error.ts', 'main/services/history.ts', /local\/layering: main\/services\/ must not import main\/ipc\//],
    ['main-imports-upward.ts', 'main/newfolder/planted.ts', /local\/layering: main\/newfolder\/ has no place in the layers inside main\//],
  ])('%s placed at %s fails the lint', async (fixture, asPath, expected) => {
    const messages = await lintAs(fixture, asPath);
    expect(messages.join('\n')).toMatch(expected);
  });

  it('the same electron import is allowed in main/app/', async () => {
    expect(await lintAs('main-imports-electron.ts', 'main/app/planted.ts')).toEqual([]);
  });

  it.each([
    ['main-imports-upward.ts', 'main/web/planted.ts'],
    ['main-imports-upward.ts', 'main/app/planted.ts'],
    ['main-imports-peer.ts', 'main/app/planted.ts'],
    ['main-imports-contract-error.ts', 'main/web/planted.ts'],
  ])('%s placed at %s (an import downwards) passes', async (fixture, asPath) => {
    expect(await lintAs(fixture, asPath)).toEqual([]);
  });

  it.each([
    ['renderer-calls-bridge.tsx', 'renderer/src/screens/planted.tsx'],
    ['renderer-calls-bridge.tsx', 'renderer/src/components/planted.tsx'],
    ['renderer-uses-window-fota.ts', 'renderer/src/screens/planted.ts'],
    ['renderer-uses-window-fota.ts', 'renderer/src/components/planted.ts'],
  ])('%s placed at %s fails the lint: calls to main belong in the slices', async (fixture, asPath) => {
    const messages = await lintAs(fixture, asPath);
    expect(messages.join('\n')).toMatch(/no-restricted-(imports|syntax): .*calls to main \(window\.fota\) belong in the slices of renderer\/src\/state\//);
  });

  it.each([
    ['renderer-calls-bridge.tsx', 'renderer/src/state/planted.tsx'],
    ['renderer-uses-window-fota.ts', 'renderer/src/state/planted.ts'],
  ])('the same bridge call %s is allowed at %s', async (fixture, asPath) => {
    expect(await lintAs(fixture, asPath)).toEqual([]);
  });

  it('a clean common/ file (allow-listed package, common import) passes', async () => {
    expect(await lintAs('common-clean.ts', 'common/import/planted.ts')).toEqual([]);
  });
});

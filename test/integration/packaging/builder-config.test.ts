// electron-builder.yml against electron-builder's own schema and FOTA Desk's installer promises,
// offline. The real config passes; each planted mistake makes the check fail with its reason. The
// command runs as a process for the real config and one mistake; the other mistakes go through its
// exported function in this process (loading electron-builder once, not once per mistake).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'fota-builder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const config = readFileSync('electron-builder.yml', 'utf8');
const { checkBuilderConfig } = createRequire(import.meta.url)('../../../scripts/check-builder-config.cjs') as { checkBuilderConfig: (file: string) => Promise<unknown> };

function planted(yml: string): string {
  const file = path.join(dir, `config-${Math.random().toString(36).slice(2)}.yml`);
  writeFileSync(file, yml);
  return file;
}

/** `node scripts/check-builder-config.cjs [file]`: its exit code and output. */
async function check(yml: string | null): Promise<{ code: number; output: string }> {
  const args = ['scripts/check-builder-config.cjs'];
  if (yml !== null) args.push(planted(yml));
  try {
    const { stdout, stderr } = await run(process.execPath, args, { cwd: process.cwd() });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** The same check in this process: code 1 and the error's message when it refuses. */
async function checkHere(yml: string): Promise<{ code: number; output: string }> {
  try {
    await checkBuilderConfig(planted(yml));
    return { code: 0, output: '' };
  } catch (error) {
    return { code: 1, output: (error as Error).message };
  }
}

function replaced(from: string | RegExp, to: string): string {
  const next = config.replace(from, to);
  if (next === config) throw new Error(`the planted change ${String(from)} did not apply`);
  return next;
}

describe('electron-builder.yml (offline check)', () => {
  it('the real config passes: schema, installers, launchers and files list', async () => {
    const { code, output } = await check(null);
    expect(code, output).toBe(0);
    expect(output).toMatch(/electron-builder config OK \(electron-builder\.yml\): appId=com\.fotadesk\.app/);
  });

  it('the command exits 1 and says why on a planted mistake', async () => {
    const { code, output } = await check(replaced('  runAsNode: true', '  runAsNode: false'));
    expect(code).toBe(1);
    expect(output).toMatch(/does not meet FOTA Desk's installer requirements:\n {2}- .*runAsNode/);
  });

  it.each([
    ['a typo electron-builder’s schema refuses', () => replaced('  oneClick: true', '  oneClik: true'), /configuration\.nsis|does not match the API schema/],
    ['sources shipped', () => replaced('  - out/node/chunks/**\n', '  - out/node/chunks/**\n  - main/**\n'), /must leave out sources.*main\/app\/index\.ts/s],
    ['tests shipped', () => replaced('  - out/node/chunks/**\n', '  - out/node/chunks/**\n  - test/**\n'), /must leave out sources.*test\//s],
    ['source maps shipped', () => replaced('  - "!**/*.map"\n', ''), /would ship: .*out\/node\/chunks\/run-x\.mjs\.map.*out\/main\/index\.js\.map/],
    ['the CLI bundle left out', () => replaced('  - out/node/fota.mjs\n', ''), /must include out\/node\/fota\.mjs/],
    ['keytar packed inside the asar', () => replaced(/asarUnpack:\n {2}- "\*\*\/\*\.node"\n/, ''), /asarUnpack/],
    ['the runAsNode fuse off', () => replaced('  runAsNode: true', '  runAsNode: false'), /runAsNode/],
    ['a per-machine installer', () => replaced('  perMachine: false', '  perMachine: true'), /perMachine false/],
    ['the assisted installer (its all-users page and elevation)', () => replaced('  oneClick: true', '  oneClick: false'), /oneClick true and perMachine false \(per user only/],
    ['a folder page the one-click installer refuses', () => replaced('  perMachine: false\n', '  perMachine: false\n  allowToChangeInstallationDirectory: true\n'), /no allowToChangeInstallationDirectory/],
    ['macOS 11 as the minimum', () => replaced('  minimumSystemVersion: "13.0"', '  minimumSystemVersion: "11.0"'), /minimumSystemVersion: "13\.0"/],
    ['no minimum macOS', () => replaced('  minimumSystemVersion: "13.0"\n', ''), /minimumSystemVersion/],
    ['a fixed ad-hoc identity (real signing would never happen)', () => replaced('  hardenedRuntime: true', '  identity: "-"\n  hardenedRuntime: true'), /mac\.identity: not set/],
    ['the asar integrity fuse off', () => replaced('  enableEmbeddedAsarIntegrityValidation: true', '  enableEmbeddedAsarIntegrityValidation: false'), /enableEmbeddedAsarIntegrityValidation: true/],
    ['app code allowed outside the asar', () => replaced('  onlyLoadAppFromAsar: true', '  onlyLoadAppFromAsar: false'), /onlyLoadAppFromAsar: true/],
    ['the inspector fuse on in the installers', () => replaced('  enableNodeCliInspectArguments: false', '  enableNodeCliInspectArguments: true'), /enableNodeCliInspectArguments: false/],
    ['NODE_OPTIONS honoured', () => replaced('  enableNodeOptionsEnvironmentVariable: false', '  enableNodeOptionsEnvironmentVariable: true'), /enableNodeOptionsEnvironmentVariable: false/],
    ['a .fotabatch icon that does not exist', () => replaced('    icon: fotabatch', '    icon: batch-missing'), /\.fotabatch: an icon with build\/<icon>\.ico and \.icns/],
    ['no .fotabatch icon', () => replaced('    icon: fotabatch\n', ''), /\.fotabatch: an icon/],
    ['arm64 Windows', () => replaced('      arch: [x64]\n', '      arch: [x64, arm64]\n'), /nsis for arch \[x64\] only/],
    ['no unsigned label', () => replaced('${arch}${env.FOTA_DESK_BUILD_LABEL}.${ext}', '${arch}.${ext}'), /FOTA_DESK_BUILD_LABEL/],
    ['no .fotabatch association', () => replaced('  - ext: fotabatch', '  - ext: fotabatchx'), /fileAssociations/],
    ['the Windows launcher not shipped', () => replaced('    - from: bin/fota.cmd\n      to: bin/fota.cmd\n', '    - from: bin/fota\n      to: bin/fota\n'), /win\.extraResources: bin\/fota\.cmd/],
    ['another app id', () => replaced('appId: com.fotadesk.app', 'appId: com.example.other'), /matches APP_ID/],
  ])('fails on %s', async (_what, plant, expected) => {
    const { code, output } = await checkHere(plant());
    expect(code).toBe(1);
    expect(output).toMatch(expected);
  });

  it('the README, the installers page and the desktop checklist name the minimum macOS the config sets (13)', () => {
    expect(config).toMatch(/minimumSystemVersion: "13\.0"/);
    for (const file of ['README.md', 'docs/installers.md', 'docs/desktop-checklist.md']) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).toMatch(/macOS 13/);
      expect(text, file).not.toMatch(/macOS (10|11|12)(\.\d+)?\+|macOS 1[0-2] or (later|newer)/);
    }
  });
});

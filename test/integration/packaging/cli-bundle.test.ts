// The `fota` CLI as the installers ship it: the bundle out/node/fota.mjs run by plain Node (as the
// app binary runs it with ELECTRON_RUN_AS_NODE=1), and the macOS launcher bin/fota inside a
// FOTA Desk.app layout, reached through a symlink as docs/installers.md tells admins to make one. The app
// binary is the one stand-in (Electron cannot run here): a script that insists on
// ELECTRON_RUN_AS_NODE=1 and then runs Node. Calls go over real HTTPS to the simulator.
import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../main/simulator/index.ts';
import { dataFolder } from '../../../main/store/data-folder.ts';

const repo = process.cwd();
const work = mkdtempSync(path.join(tmpdir(), 'fota-cli-bundle-'));
const home = path.join(work, 'home');
let sim: RunningSimulator;
let connection: Record<string, string>;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    // A bare environment: nothing of the test runner's FOTA_* or proxy settings leaks in.
    execFile(file, args, { env: { PATH: process.env['PATH'] ?? '', HOME: home, ...env }, cwd: work }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** A FOTA Desk.app whose Resources hold the real launcher and an unpacked stand-in for app.asar. */
function fakeMacApp(): string {
  const contents = path.join(work, 'Applications', 'FOTA Desk.app', 'Contents');
  const resources = path.join(contents, 'Resources');
  const asar = path.join(resources, 'app.asar');
  mkdirSync(path.join(contents, 'MacOS'), { recursive: true });
  mkdirSync(path.join(resources, 'bin'), { recursive: true });
  mkdirSync(path.join(asar, 'out', 'node'), { recursive: true });
  const binary = path.join(contents, 'MacOS', 'FOTA Desk');
  writeFileSync(
    binary,
    `#!/bin/sh\n[ "$ELECTRON_RUN_AS_NODE" = "1" ] || { echo "stand-in FOTA Desk: started without ELECTRON_RUN_AS_NODE=1" >&2; exit 97; }\nexec "${process.execPath}" "$@"\n`,
  );
  chmodSync(binary, 0o755);
  copyFileSync(path.join(repo, 'bin', 'fota'), path.join(resources, 'bin', 'fota'));
  chmodSync(path.join(resources, 'bin', 'fota'), 0o755);
  copyFileSync(path.join(repo, 'out', 'node', 'fota.mjs'), path.join(asar, 'out', 'node', 'fota.mjs'));
  cpSync(path.join(repo, 'out', 'node', 'chunks'), path.join(asar, 'out', 'node', 'chunks'), { recursive: true });
  copyFileSync(path.join(repo, 'package.json'), path.join(asar, 'package.json'));
  symlinkSync(path.join(repo, 'node_modules'), path.join(asar, 'node_modules'));
  // What docs/installers.md asks an admin to run: ln -s ".../Contents/Resources/bin/fota" /usr/local/bin/fota
  const onPath = path.join(work, 'usr-local-bin');
  mkdirSync(onPath, { recursive: true });
  symlinkSync(path.join(resources, 'bin', 'fota'), path.join(onPath, 'fota'));
  return path.join(onPath, 'fota');
}

let linkedFota = '';

beforeAll(async () => {
  mkdirSync(home, { recursive: true });
  sim = await startSimulator();
  const t = sim.tenant;
  connection = { FOTA_BASE_URL: sim.url, FOTA_CA: sim.caPath, FOTA_MDM_ID: t.mdmId, FOTA_CUSTOMER_ID: t.customerId, FOTA_LICENSE: t.license, FOTA_TOKEN: sim.issueToken() };
  linkedFota = fakeMacApp();
});

afterAll(async () => {
  await sim?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the bundled CLI under plain Node (out/node/fota.mjs)', () => {
  const bundle = path.join(repo, 'out', 'node', 'fota.mjs');

  it('fota --help lists the commands', async () => {
    const result = await run(process.execPath, [bundle, '--help'], {});
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^fota — FOTA Desk on the command line/);
    expect(result.stdout).toMatch(/\n {2}license\s+show the licence status/);
  });

  it('fota license against the simulator', async () => {
    const result = await run(process.execPath, [bundle, 'license'], connection);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/status:\s+Normal/);
    expect(result.stdout + result.stderr).not.toContain(connection['FOTA_TOKEN']);
    expect(sim.calls.at(-1)).toMatchObject({ operation: 'licenseInfo' });
  });

  it('fota license --json prints one JSON object', async () => {
    const result = await run(process.execPath, [bundle, 'license', '--json'], connection);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, command: 'license', result: { licenseStatus: 'Normal' } });
  });
});

describe('the macOS launcher (FOTA Desk.app/Contents/Resources/bin/fota, through a symlink)', () => {
  it('runs the app binary with ELECTRON_RUN_AS_NODE=1 on the bundled CLI', async () => {
    const result = await run(linkedFota, ['--help'], {});
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^fota — FOTA Desk on the command line/);
  });

  it('passes arguments and exit codes through: license against the simulator, and a usage error', async () => {
    const license = await run(linkedFota, ['license'], connection);
    expect(license.code, license.stderr).toBe(0);
    expect(license.stdout).toMatch(/status:\s+Normal/);
    const wrong = await run(linkedFota, ['no-such-command', 'with space'], {});
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/unknown command 'no-such-command with space'/);
  });

  it('uses the same data folder as the window, and ignores the development override when packaged', async () => {
    const result = await run(linkedFota, ['profile', 'list'], { FOTA_DESK_DATA_DIR: path.join(work, 'override') });
    expect(result.code, result.stderr).toBe(0);
    const expected = dataFolder({ platform: process.platform, env: { HOME: home }, home, isPackaged: true });
    expect(result.stdout).toContain(`Data folder: ${expected}`);
  });

  it('in a source checkout, bin/fota runs the built bundle with node', async () => {
    const result = await run(path.join(repo, 'bin', 'fota'), ['--help'], {});
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^fota — FOTA Desk on the command line/);
  });

  it('says what is wrong when FOTA Desk is not next to it', async () => {
    const lonely = path.join(work, 'lonely', 'bin');
    mkdirSync(lonely, { recursive: true });
    copyFileSync(path.join(repo, 'bin', 'fota'), path.join(lonely, 'fota'));
    chmodSync(path.join(lonely, 'fota'), 0o755);
    const result = await run(path.join(lonely, 'fota'), ['--help'], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/FOTA Desk was not found next to .*Reinstall FOTA Desk/);
  });
});

// The desktop workflow runs this script on the packaged app's launcher; here it runs on the same
// launcher inside the FOTA Desk.app layout above.
describe('scripts/smoke-packaged-cli.mjs (the workflow’s check of the packaged fota)', () => {
  it('passes on a working launcher: help, then the licence over HTTPS against its own simulator', async () => {
    const result = await run(process.execPath, [path.join(repo, 'scripts', 'smoke-packaged-cli.mjs'), linkedFota], {});
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/smoke: fota --help OK\nsmoke: fota license OK \(Normal\)/);
  });

  it('fails on a launcher that does not run the CLI, and on a missing one', async () => {
    const broken = path.join(work, 'broken-fota');
    writeFileSync(broken, '#!/bin/sh\necho "not fota"\nexit 3\n');
    chmodSync(broken, 0o755);
    const result = await run(process.execPath, [path.join(repo, 'scripts', 'smoke-packaged-cli.mjs'), broken], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/`fota --help` did not print the command list/);
    const missing = await run(process.execPath, [path.join(repo, 'scripts', 'smoke-packaged-cli.mjs'), path.join(work, 'nowhere')], {});
    expect(missing.code).toBe(2);
  });
});


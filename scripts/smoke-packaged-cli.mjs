// Smoke test of an installed (or unpacked) `fota` launcher, run by .github/workflows/desktop.yml on
// the packaged app: `fota --help`, then `fota license` over HTTPS against a simulator started from
// this checkout's build (out/node/fota.mjs simulator). Proves the launcher, ELECTRON_RUN_AS_NODE, the
// CLI bundle inside app.asar and its TLS stack on the real platform.
// Usage: node scripts/smoke-packaged-cli.mjs <path to fota | fota.cmd>
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

const launcher = process.argv[2];
if (!launcher || !existsSync(launcher)) {
  console.error(`smoke: give the path of a fota launcher (got ${launcher ?? 'nothing'})`);
  process.exit(2);
}
const root = path.resolve(import.meta.dirname, '..');
const TOKEN = 'smoke-test-token';
const windows = process.platform === 'win32';

/** Runs the launcher; .cmd files need cmd.exe, so Windows goes through the shell (arguments are fixed words). */
function fota(args, env) {
  const result = spawnSync(windows ? `"${launcher}"` : launcher, args, { env: { ...process.env, ...env }, encoding: 'utf8', shell: windows, timeout: 120_000 });
  return { code: result.status, out: result.stdout ?? '', err: result.stderr ?? String(result.error ?? '') };
}

function fail(message, result) {
  console.error(`smoke: ${message}\n--- stdout\n${result?.out ?? ''}\n--- stderr\n${result?.err ?? ''}`);
  process.exitCode = 1;
}

const help = fota(['--help'], {});
if (help.code !== 0 || !/fota — FOTA Desk on the command line/.test(help.out)) fail('`fota --help` did not print the command list', help);
else console.log('smoke: fota --help OK');

const simulator = spawn(process.execPath, [path.join(root, 'out', 'node', 'fota.mjs'), 'simulator', '--port', '0', '--token', TOKEN, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
try {
  const first = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: simulator.stdout });
    lines.once('line', resolve);
    simulator.once('exit', (code) => reject(new Error(`the simulator stopped (exit ${code})`)));
    setTimeout(() => reject(new Error('the simulator did not start within 30 s')), 30_000).unref();
  });
  const sim = JSON.parse(first);
  const license = fota(['license', '--json'], {
    FOTA_BASE_URL: sim.url,
    FOTA_CA: sim.caPath,
    FOTA_MDM_ID: sim.mdmId,
    FOTA_CUSTOMER_ID: sim.customerId,
    FOTA_LICENSE: sim.license,
    FOTA_TOKEN: TOKEN,
  });
  let parsed = null;
  try {
    parsed = JSON.parse(license.out);
  } catch {
    parsed = null;
  }
  if (license.code !== 0 || !parsed || parsed.ok !== true || parsed.command !== 'license') fail('`fota license --json` against the simulator failed', license);
  else console.log(`smoke: fota license OK (${parsed.result?.licenseStatus ?? '?'})`);
} catch (error) {
  fail(String(error));
} finally {
  simulator.kill();
}

// `npm run dist [-- --win | --mac] [--dir] [--dry-run]`: builds FOTA Desk's installer for this platform.
//   1. a clean build of out/ (main, preload, renderer, and the `fota` CLI bundle);
//   2. electron-builder with electron-builder.yml (it downloads Electron: the network is needed).
// An unsigned build says so in its file name: FOTA_DESK_BUILD_LABEL is "-unsigned" without a signing
// certificate, "-unnotarized" for a signed macOS build without notarization credentials, else "".
// Secrets are read by electron-builder itself from the environment (CI secrets), never printed:
//   Windows  CSC_LINK (or WIN_CSC_LINK) + CSC_KEY_PASSWORD (or WIN_CSC_KEY_PASSWORD)
//   macOS    CSC_LINK + CSC_KEY_PASSWORD (Developer ID Application), and for notarization
//            APPLE_ID + APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID (or APPLE_API_KEY + _ID + _ISSUER)
// --dir builds the unpacked app only (release/<platform>-unpacked), --dry-run prints the plan as JSON.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const has = (env, name) => typeof env[name] === 'string' && env[name].trim() !== '';

/** Which installer to build: `win` or `mac`, from the flags or this machine. */
export function targetPlatform(args, hostPlatform) {
  if (args.includes('--win')) return 'win';
  if (args.includes('--mac')) return 'mac';
  if (hostPlatform === 'win32') return 'win';
  if (hostPlatform === 'darwin') return 'mac';
  return null;
}

/** The file-name label and signing state of a build for `platform` with this environment. */
export function buildLabel(platform, env) {
  const signed = platform === 'win' ? has(env, 'CSC_LINK') || has(env, 'WIN_CSC_LINK') : has(env, 'CSC_LINK') || has(env, 'CSC_NAME');
  const notarized =
    platform === 'mac' &&
    ((has(env, 'APPLE_ID') && has(env, 'APPLE_APP_SPECIFIC_PASSWORD') && has(env, 'APPLE_TEAM_ID')) ||
      (has(env, 'APPLE_API_KEY') && has(env, 'APPLE_API_KEY_ID') && has(env, 'APPLE_API_ISSUER')));
  const label = !signed ? '-unsigned' : platform === 'mac' && !notarized ? '-unnotarized' : '';
  return { signed, notarized, label };
}

function run(command, args, env) {
  console.log(`dist: ${path.basename(args[0] ?? command)} ${args.slice(1).join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`dist: ${path.basename(args[0] ?? command)} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
}

async function main() {
  const args = process.argv.slice(2);
  const platform = targetPlatform(args, process.platform);
  if (platform === null) {
    console.error('dist: installers are built on Windows (NSIS) or macOS (DMG); pass --win or --mac to try another platform.');
    process.exit(2);
  }
  const { signed, notarized, label } = buildLabel(platform, process.env);
  const env = { ...process.env, FOTA_DESK_BUILD_LABEL: label };
  // CI passes unset secrets as empty strings; electron-builder must see them as absent.
  for (const [name, value] of Object.entries(env)) if (/^(CSC_|WIN_CSC_|APPLE_)/.test(name) && (value ?? '').trim() === '') delete env[name];
  // Without a certificate, never let electron-builder pick some identity from the login keychain.
  if (!signed) env.CSC_IDENTITY_AUTO_DISCOVERY = 'false';
  const builderArgs = [path.join(root, 'node_modules/electron-builder/cli.js'), `--${platform}`, '--config', 'electron-builder.yml', '--publish', 'never', ...(args.includes('--dir') ? ['--dir'] : [])];
  if (args.includes('--dry-run')) {
    console.log(JSON.stringify({ platform, signed, notarized, label, builder: builderArgs.slice(1) }));
    return;
  }
  console.log(`dist: ${platform} installer, ${signed ? 'signed' : 'UNSIGNED'}${platform === 'mac' ? (notarized ? ', notarized' : ', not notarized') : ''}`);
  // A clean out/ so no stale chunk of an earlier build ends up in the installer.
  rmSync(path.join(root, 'out'), { recursive: true, force: true });
  run(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], env);
  run(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.node.config.ts', '--logLevel', 'warn'], env);
  run(process.execPath, builderArgs, env);
  console.log(`dist: done; installers are in ${path.join(root, 'release')}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main();

// `npm run dist [-- --win | --mac] [--x64 | --arm64] [--dir [--test-build]] [--dry-run]`: builds
// FOTA Desk's installer for this platform.
//   1. a clean build of out/ (main, preload, renderer, and the `fota` CLI bundle);
//   2. electron-builder with electron-builder.yml (it downloads Electron: the network is needed).
// An unsigned build says so in its file name: FOTA_DESK_BUILD_LABEL is "-unsigned" without a signing
// certificate, "-unnotarized" for a signed macOS build without notarization credentials, else "".
// An unsigned macOS build is signed ad hoc (identity "-") so that a downloaded copy is not reported
// "damaged": Gatekeeper then offers Open Anyway (docs/installers.md). An ad-hoc signature has no Team
// ID, which the hardened runtime's library validation refuses (the app would die at launch), and it
// cannot be notarized anyway: that build turns both off. These changes go into a derived config that
// `extends` electron-builder.yml, so the checked file stays the one source.
// --test-build (with --dir only) builds an app whose inspect fuse is on, for the packaged Electron E2E
// (Playwright's _electron.launch passes --inspect), into release/inspectable: never an installer.
// Secrets are read by electron-builder itself from the environment (CI secrets), never printed:
//   Windows  CSC_LINK (or WIN_CSC_LINK) + CSC_KEY_PASSWORD (or WIN_CSC_KEY_PASSWORD)
//   macOS    CSC_LINK + CSC_KEY_PASSWORD (Developer ID Application), and for notarization
//            APPLE_ID + APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID (or APPLE_API_KEY + _ID + _ISSUER)
// --dir builds the unpacked app only (release/<platform>-unpacked), --dry-run prints the plan as JSON.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const has = (env, name) => typeof env[name] === 'string' && env[name].trim() !== '';

/** The checked configuration every build starts from. */
export const BASE_CONFIG = 'electron-builder.yml';
/** Where a --test-build goes: apart from release/, so it is never taken for a release. */
export const TEST_BUILD_OUTPUT = 'release/inspectable';
/** The product name: the app's folder and executable are named after it. */
const PRODUCT = 'FOTA Desk';

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

/**
 * What a build changes in electron-builder.yml, or null for none: an unsigned macOS build is signed
 * ad hoc without the hardened runtime or notarization; a test build turns the inspect fuse on and
 * goes to its own folder.
 */
export function configOverrides({ platform, signed, testBuild }) {
  const overrides = {};
  if (platform === 'mac' && !signed) overrides.mac = { identity: '-', hardenedRuntime: false, notarize: false };
  if (testBuild) {
    overrides.electronFuses = { enableNodeCliInspectArguments: true };
    overrides.directories = { output: TEST_BUILD_OUTPUT };
  }
  return Object.keys(overrides).length === 0 ? null : overrides;
}

/** The derived config (a JSON document that extends the checked one), for `overrides`. */
export function derivedConfig(overrides, projectRoot = root) {
  return { extends: path.join(projectRoot, BASE_CONFIG), ...overrides };
}

/** The unpacked app electron-builder makes with --dir for `platform`/`arch` under `output`. */
export function unpackedApp(platform, arch, output) {
  if (platform === 'win') {
    const dir = path.posix.join(output, arch === 'x64' ? 'win-unpacked' : `win-${arch}-unpacked`);
    return { executable: `${dir}/${PRODUCT}.exe`, launcher: `${dir}/resources/bin/fota.cmd` };
  }
  const app = path.posix.join(output, arch === 'x64' ? 'mac' : `mac-${arch}`, `${PRODUCT}.app`);
  return { executable: `${app}/Contents/MacOS/${PRODUCT}`, launcher: `${app}/Contents/Resources/bin/fota` };
}

/** The environment electron-builder runs with. */
export function builderEnv(env, platform, signed, label) {
  const out = { ...env, FOTA_DESK_BUILD_LABEL: label };
  // CI passes unset secrets as empty strings; electron-builder must see them as absent.
  for (const [name, value] of Object.entries(out)) if (/^(CSC_|WIN_CSC_|APPLE_)/.test(name) && (value ?? '').trim() === '') delete out[name];
  if (!signed) {
    // Without a certificate, never let electron-builder pick some identity from the login keychain.
    out.CSC_IDENTITY_AUTO_DISCOVERY = 'false';
    // electron-builder skips all signing in pull-request builds (to keep secrets from forks); an
    // ad-hoc signature involves no secret, and without it the DMG's app is reported damaged.
    if (platform === 'mac') out.CSC_FOR_PULL_REQUEST = 'true';
  }
  return out;
}

function run(command, args, env) {
  console.log(`dist: ${path.basename(args[0] ?? command)} ${args.slice(1).join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) {
    throw Object.assign(new Error(`dist: ${path.basename(args[0] ?? command)} failed (exit ${result.status ?? result.signal}).`), { exitCode: result.status || 1 });
  }
}

async function main() {
  const args = process.argv.slice(2);
  const platform = targetPlatform(args, process.platform);
  if (platform === null) {
    console.error('dist: installers are built on Windows (NSIS) or macOS (DMG); pass --win or --mac to try another platform.');
    process.exit(2);
  }
  const testBuild = args.includes('--test-build');
  if (testBuild && !args.includes('--dir')) {
    console.error('dist: --test-build turns the inspect fuse on; it is for an unpacked test app only: add --dir.');
    process.exit(2);
  }
  const { signed, notarized, label } = buildLabel(platform, process.env);
  const env = builderEnv(process.env, platform, signed, label);
  const overrides = configOverrides({ platform, signed, testBuild });
  const dryRun = args.includes('--dry-run');
  let configFile = BASE_CONFIG;
  let cleanup = () => undefined;
  if (overrides && !dryRun) {
    const dir = mkdtempSync(path.join(tmpdir(), 'fota-dist-'));
    configFile = path.join(dir, 'electron-builder.json');
    writeFileSync(configFile, JSON.stringify(derivedConfig(overrides), null, 2));
    cleanup = () => rmSync(dir, { recursive: true, force: true });
  }
  const archs = ['--x64', '--arm64'].filter((a) => args.includes(a));
  const dir = args.includes('--dir');
  const builderArgs = [path.join(root, 'node_modules/electron-builder/cli.js'), `--${platform}`, ...archs, '--config', overrides ? '<derived>' : BASE_CONFIG, '--publish', 'never', ...(dir ? ['--dir'] : [])];
  if (dryRun) {
    // electron-builder builds --dir for this machine's architecture unless one is named.
    const arch = archs[0]?.slice(2) ?? process.arch;
    const unpacked = dir && archs.length <= 1 ? unpackedApp(platform, arch, testBuild ? TEST_BUILD_OUTPUT : 'release') : null;
    console.log(JSON.stringify({ platform, signed, notarized, label, testBuild, overrides, config: overrides ? derivedConfig(overrides) : BASE_CONFIG, builder: builderArgs.slice(1), unpacked }));
    return;
  }
  builderArgs[builderArgs.indexOf('--config') + 1] = configFile;
  console.log(`dist: ${platform} ${testBuild ? 'TEST app (inspect fuse on)' : 'installer'}, ${signed ? 'signed' : platform === 'mac' ? 'UNSIGNED (ad hoc)' : 'UNSIGNED'}${platform === 'mac' ? (notarized && signed ? ', notarized' : ', not notarized') : ''}`);
  try {
    // A clean out/ so no stale chunk of an earlier build ends up in the installer.
    rmSync(path.join(root, 'out'), { recursive: true, force: true });
    run(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], env);
    run(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.node.config.ts', '--logLevel', 'warn'], env);
    run(process.execPath, builderArgs, env);
  } catch (error) {
    console.error(error.message);
    process.exitCode = error.exitCode ?? 1;
    return;
  } finally {
    cleanup();
  }
  console.log(`dist: done; the output is in ${path.join(root, testBuild ? TEST_BUILD_OUTPUT : 'release')}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main();

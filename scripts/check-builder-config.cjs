// Checks electron-builder.yml offline (no packaging, no network): electron-builder's own loader and
// JSON-schema validation first, then what FOTA Desk's installers promise — NSIS per user only x64, DMG
// x64 + arm64 for macOS 13+ with the hardened runtime, keytar unpacked, the fuses (runAsNode on for
// `fota`; asar integrity and asar-only on; inspector and NODE_OPTIONS off), `.fotabatch` associated
// with its own icon, the labelled artifact name, no fixed signing identity, the `fota` launchers
// shipped and executable, and a files list that takes the built app and the CLI bundle but no source,
// test or source map (matched with electron-builder's own FileMatcher).
// Usage: node scripts/check-builder-config.cjs [electron-builder.yml]
// Also a module: `checkBuilderConfig(file)` (the tests run their planted mistakes in one process
// instead of loading electron-builder once per mistake).
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config');
const { FileMatcher } = require('app-builder-lib/out/fileMatcher');
const { DebugLogger } = require('builder-util');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = process.cwd();

/** Paths the installed app needs (relative to the project). */
const MUST_SHIP = ['package.json', 'out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/renderer/assets/index-x.js', 'out/node/fota.mjs', 'out/node/chunks/run-x.mjs'];
/** Paths that must stay out, besides every source and test file found in the checkout. */
const MUST_NOT_SHIP = ['out/node/fota.mjs.map', 'out/node/chunks/run-x.mjs.map', 'out/main/index.js.map', 'out/node/web.mjs', 'out/node/bench-send.mjs', 'node_modules/react/index.js', 'node_modules/react-dom/index.js'];
const SOURCE_FOLDERS = ['common', 'main', 'preload', 'renderer', 'test', 'scripts', 'docs', 'eslint-rules', 'bin', 'build'];

/** Every file under `dir` (relative to the project), skipping nothing: the checkout's real contents. */
function walk(dir) {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    return entry.isDirectory() ? walk(rel) : [rel];
  });
}

function checks(cfg) {
  const problems = [];
  const need = (ok, what) => {
    if (!ok) problems.push(what);
  };
  const text = (rel) => (fs.existsSync(path.join(root, rel)) ? fs.readFileSync(path.join(root, rel), 'utf8') : null);
  const targets = (platform) => (cfg[platform] && cfg[platform].target) || [];
  const target = (platform, name) => targets(platform).find((t) => (typeof t === 'string' ? t : t.target) === name);

  // Windows: NSIS, per user, x64 only (arm64 waits for a verified keytar arm64 build).
  const nsis = target('win', 'nsis');
  need(nsis && JSON.stringify(nsis.arch) === JSON.stringify(['x64']), 'win.target: nsis for arch [x64] only');
  // oneClick with perMachine false is electron-builder's only per-user-only installer: the assisted one
  // (oneClick false) always shows the "for all users" page, and elevated runs go to Program Files.
  need(cfg.nsis && cfg.nsis.perMachine === false && cfg.nsis.oneClick === true, 'nsis: oneClick true and perMachine false (per user only: no all-users page, no elevation)');
  need(!cfg.nsis || cfg.nsis.selectPerMachineByDefault !== true, 'nsis: no selectPerMachineByDefault (per user only)');
  // electron-builder refuses it with oneClick at build time (with the network); caught here offline.
  need(!cfg.nsis || !cfg.nsis.allowToChangeInstallationDirectory, 'nsis: no allowToChangeInstallationDirectory (a one-click installer refuses it; /D= chooses the folder)');
  need(cfg.nsis && cfg.nsis.include && text(cfg.nsis.include) !== null && /customInstall/.test(text(cfg.nsis.include)), 'nsis.include: an existing script with the customInstall macro (offer to add bin to PATH)');
  // macOS: DMG for both architectures, hardened runtime with the standard entitlements.
  const dmg = target('mac', 'dmg');
  need(dmg && ['x64', 'arm64'].every((a) => (dmg.arch || []).includes(a)), 'mac.target: dmg for arch x64 and arm64');
  need(cfg.mac && cfg.mac.hardenedRuntime === true, 'mac.hardenedRuntime: true');
  need(cfg.mac && cfg.mac.minimumSystemVersion === '13.0', 'mac.minimumSystemVersion: "13.0" (Electron 44+ needs macOS 13)');
  // A fixed identity would sign every build with it (or ad hoc with "-", breaking real signing): the
  // certificate comes from CSC_LINK/CSC_NAME, and scripts/dist.mjs signs unsigned builds ad hoc.
  need(cfg.mac && cfg.mac.identity === undefined, 'mac.identity: not set (CSC_LINK/CSC_NAME choose it; dist.mjs signs unsigned builds ad hoc)');
  const entitlements = cfg.mac && cfg.mac.entitlements ? text(cfg.mac.entitlements) : null;
  need(entitlements !== null && entitlements.includes('com.apple.security.cs.allow-jit'), 'mac.entitlements: build/entitlements.mac.plist with allow-jit');
  // Identity: the app id the shell registers for notifications, the name the launchers call.
  const identity = text('main/desktop/app-identity.ts') || '';
  need(identity.includes(`APP_ID = '${cfg.appId}'`), `appId ${cfg.appId} matches APP_ID in main/desktop/app-identity.ts`);
  const pkg = JSON.parse(text('package.json') || '{}');
  need(cfg.productName === 'FOTA Desk' && pkg.productName === cfg.productName, 'productName "FOTA Desk" in electron-builder.yml and package.json (the launchers call "FOTA Desk")');
  need(/\$\{version\}/.test(cfg.artifactName || '') && /\$\{arch\}/.test(cfg.artifactName || '') && /\$\{env\.FOTA_DESK_BUILD_LABEL\}/.test(cfg.artifactName || ''), 'artifactName with ${version}, ${arch} and ${env.FOTA_DESK_BUILD_LABEL} (unsigned builds say so)');
  const batchType = (cfg.fileAssociations || []).find((a) => a.ext === 'fotabatch' || (Array.isArray(a.ext) && a.ext.includes('fotabatch')));
  need(batchType, 'fileAssociations: .fotabatch');
  // electron-builder looks the icon up in the build resources, adding .ico (Windows) or .icns (macOS).
  const resources = (cfg.directories && cfg.directories.buildResources) || 'build';
  const typeIcon = batchType && typeof batchType.icon === 'string' ? batchType.icon.replace(/\.(ico|icns)$/, '') : null;
  need(typeIcon && ['ico', 'icns'].every((ext) => fs.existsSync(path.join(root, resources, `${typeIcon}.${ext}`))), `fileAssociations .fotabatch: an icon with ${resources}/<icon>.ico and .icns (scripts/make-icons.mjs)`);
  need((cfg.asarUnpack || []).some((p) => p.includes('.node')), 'asarUnpack: **/*.node (keytar)');
  need(cfg.asar !== false, 'asar: true');
  const fuses = cfg.electronFuses || {};
  need(fuses.runAsNode === true, 'electronFuses.runAsNode: true (fota runs the app binary as Node)');
  need(fuses.enableEmbeddedAsarIntegrityValidation === true, 'electronFuses.enableEmbeddedAsarIntegrityValidation: true (app.asar checked against its recorded hash)');
  need(fuses.onlyLoadAppFromAsar === true, 'electronFuses.onlyLoadAppFromAsar: true (no unchecked app folder beside app.asar)');
  need(fuses.enableNodeCliInspectArguments === false, 'electronFuses.enableNodeCliInspectArguments: false (only `dist --test-build` turns the inspector on)');
  need(fuses.enableNodeOptionsEnvironmentVariable === false, 'electronFuses.enableNodeOptionsEnvironmentVariable: false');
  for (const [platform, icon] of [['win', '.ico'], ['mac', '.icns']]) {
    const rel = cfg[platform] && cfg[platform].icon;
    need(rel && rel.endsWith(icon) && fs.existsSync(path.join(root, rel)), `${platform}.icon: an existing ${icon} file`);
  }
  // The fota launchers: shipped as extraResources, present, executable, with the right line endings.
  const ships = (platform, from) => ((cfg[platform] && cfg[platform].extraResources) || []).some((r) => r.from === from && r.to === from);
  need(ships('win', 'bin/fota.cmd'), 'win.extraResources: bin/fota.cmd → bin/fota.cmd');
  need(ships('mac', 'bin/fota'), 'mac.extraResources: bin/fota → bin/fota');
  for (const launcher of ['bin/fota', 'bin/fota.cmd']) {
    const full = path.join(root, launcher);
    // Git's recorded mode is what a checkout (and the installer build) gets; the file's own mode
    // counts too where the OS has one (Windows reports no executable bits).
    const indexed = spawnSync('git', ['ls-files', '-s', '--', launcher], { cwd: root, encoding: 'utf8' });
    const gitMode = indexed.status === 0 ? (indexed.stdout.trim().split(/\s+/)[0] ?? '') : '';
    const fileExecutable = process.platform === 'win32' || (fs.existsSync(full) && (fs.statSync(full).mode & 0o111) !== 0);
    need(fs.existsSync(full) && fileExecutable && (gitMode === '' || gitMode === '100755'), `${launcher} exists and is executable${gitMode && gitMode !== '100755' ? ` (git records mode ${gitMode}: run git update-index --chmod=+x ${launcher})` : ''}`);
  }
  const cmd = text('bin/fota.cmd') || '';
  need(/\r\n/.test(cmd) && !/[^\r]\n/.test(cmd), 'bin/fota.cmd has CRLF line endings');
  need(/ELECTRON_RUN_AS_NODE=1/.test(cmd) && cmd.includes('FOTA Desk.exe') && cmd.includes('app.asar\\out\\node\\fota.mjs') && cmd.includes('%*'), 'bin/fota.cmd runs "FOTA Desk.exe" as Node on app.asar\\out\\node\\fota.mjs with all arguments');
  const sh = text('bin/fota') || '';
  need(sh.startsWith('#!/bin/sh\n') && !sh.includes('\r'), 'bin/fota is a POSIX shell script with LF line endings');
  need(/ELECTRON_RUN_AS_NODE=1/.test(sh) && sh.includes('MacOS/FOTA Desk') && sh.includes('app.asar/out/node/fota.mjs') && sh.includes('"$@"'), 'bin/fota runs Contents/MacOS/FOTA Desk as Node on app.asar/out/node/fota.mjs with all arguments');

  // The files list, through electron-builder's own matcher (package.json is always added by it).
  // getConfig normalises `files` into file sets ({ filter: [...] }); the app-root ones are what ships.
  const patterns = (cfg.files || []).flatMap((f) => (typeof f === 'string' ? [f] : f.from == null || f.from === '.' ? [].concat(f.filter || []) : []));
  const matcher = new FileMatcher(root, '/', (s) => s, patterns);
  if (!matcher.patterns.includes('package.json')) matcher.addPattern('package.json');
  const filter = matcher.createFilter();
  const asFile = { isDirectory: () => false };
  const ships1 = (rel) => filter(path.join(root, rel), asFile);
  for (const rel of MUST_SHIP) need(ships1(rel), `files: must include ${rel}`);
  const sources = SOURCE_FOLDERS.flatMap(walk).concat(fs.readdirSync(root).filter((f) => /\.(ts|tsx|js|mjs|cjs|json|md|yml)$/.test(f) && f !== 'package.json'));
  const leaked = [...MUST_NOT_SHIP, ...sources].filter(ships1);
  need(leaked.length === 0, `files: must leave out sources, tests and maps; these would ship: ${leaked.slice(0, 8).join(', ')}${leaked.length > 8 ? ` and ${leaked.length - 8} more` : ''}`);
  need(sources.length > 50, `files: the checkout's sources were found to check against (${sources.length})`);
  return problems;
}

/** Checks `file`; resolves with its config, or throws saying every requirement it misses. */
async function checkBuilderConfig(file) {
  const cfg = await getConfig(root, file, null);
  await validateConfiguration(cfg, new DebugLogger(false));
  const problems = checks(cfg);
  if (problems.length) throw new Error(`${file} does not meet FOTA Desk's installer requirements:\n  - ${problems.join('\n  - ')}`);
  return cfg;
}

module.exports = { checkBuilderConfig };

if (require.main === module) {
  const file = process.argv[2] || 'electron-builder.yml';
  checkBuilderConfig(file)
    .then((cfg) => console.log(`electron-builder config OK (${file}): appId=${cfg.appId}, schema valid, installers, launchers and files list checked`))
    .catch((e) => {
      console.error(process.env.DEBUG_CHECK ? e : String((e && e.message) || e));
      process.exit(1);
    });
}

// Builds the Node bundles (out/node: the `fota` CLI, web mode, benchmarks) unless they were built from
// the very same sources. `npm test` builds them once and every later step (the vitest global setups
// of the unit and keychain runs) finds them current; before, each step rebuilt them, and a rebuild
// under a running test swapped the chunks its child processes were loading.
// The inputs are the files the last build's source maps name, plus the build config and the lockfile;
// their hash is kept next to the bundles. FOTA_REBUILD=1 builds regardless.
// `--quiet` (what `npm run fota` passes) keeps standard output for fota alone: nothing is said when the
// bundles are current, and a build's own output goes to standard error, so `npm run -s fota -- … --json`
// still prints exactly one JSON object.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'out', 'node');
const stampFile = path.join(outDir, '.inputs.sha256');

/** Every source map under `dir`. */
function maps(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return maps(full);
    return entry.name.endsWith('.map') ? [full] : [];
  });
}

/** The hash of everything the bundles were built from (null when there are no bundles). */
function inputsHash() {
  if (!existsSync(path.join(outDir, 'fota.mjs'))) return null;
  const files = new Set(['vite.node.config.ts', 'package.json', 'package-lock.json'].map((f) => path.join(root, f)));
  for (const map of maps(outDir)) {
    const { sources = [] } = JSON.parse(readFileSync(map, 'utf8'));
    for (const source of sources) files.add(path.resolve(path.dirname(map), source));
  }
  const hash = createHash('sha256');
  for (const file of [...files].sort()) {
    hash.update(`${path.relative(root, file)}\0`);
    hash.update(existsSync(file) ? readFileSync(file) : '(missing)');
    hash.update('\0');
  }
  return hash.digest('hex');
}

const quiet = process.argv.includes('--quiet');
const current = inputsHash();
const stamp = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : null;
if (process.env.FOTA_REBUILD === '1' || current === null || current !== stamp) {
  execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.node.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: quiet ? ['ignore', 2, 2] : 'inherit' });
  writeFileSync(stampFile, `${inputsHash()}\n`);
} else if (!quiet) {
  console.log('out/node is current (built from these sources): not rebuilt');
}

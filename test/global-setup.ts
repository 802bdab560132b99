// Builds the Node bundles once, so tests that spawn `fota` run what `npm run fota` runs.
import { execFileSync } from 'node:child_process';

/** vitest global setup: build out/node/*.mjs before any test file runs. */
export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'vite.node.config.ts', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
}

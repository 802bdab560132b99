// Builds the Node bundles once, so tests that spawn `fota` run what `npm run fota` runs; when they
// are already current (`npm test` built them a step earlier) nothing is rebuilt.
import { execFileSync } from 'node:child_process';

/** vitest global setup: build out/node/*.mjs before any test file runs, unless they are current. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-node.mjs'], { stdio: 'inherit' });
}

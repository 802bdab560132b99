// Sums the real test reports (vitest JSON, Playwright JSON) into the line the CI reads:
// "N passed, N failed, N skipped". Exits 1 when anything failed, a report is missing, or nothing ran.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    problems.push(`missing report ${file}`);
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof r.numPassedTests === 'number') {
    passed += r.numPassedTests;
    failed += r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
    skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    if (r.success === false && r.numFailedTests === 0) {
      failed += 1;
      problems.push(`${file}: the run failed outside any test (e.g. a suite that did not load)`);
    }
  } else if (r.stats) {
    passed += r.stats.expected + (r.stats.flaky ?? 0);
    failed += r.stats.unexpected;
    skipped += r.stats.skipped;
    if ((r.errors ?? []).length) {
      failed += r.errors.length;
      problems.push(`${file}: ${r.errors.length} error(s) outside tests`);
    }
  } else {
    problems.push(`${file}: not a vitest or Playwright JSON report`);
  }
}
for (const p of problems) console.log(`problem: ${p}`);
if (passed === 0) console.log('problem: no test passed');
console.log(`${passed} passed, ${failed + problems.length} failed, ${skipped} skipped`);
process.exit(failed > 0 || problems.length > 0 || passed === 0 ? 1 : 0);

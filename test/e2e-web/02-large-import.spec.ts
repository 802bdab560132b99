// 200,000 rows: the table never holds more than 200 row elements (checked continuously while
// scrolling to the end), and the parser runs only in the Web Worker — never on the page's thread.
import { expect, test, type Page } from '@playwright/test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { openApp } from './app.ts';

test.use({ viewport: { width: 1366, height: 900 } });

const ROWS = 200_000;

/** What the page's global scope offers the checks below (the test's own types have no DOM). */
interface PageGlobals {
  maxRows: number;
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: { childList: boolean; subtree: boolean }): void };
}

function fleetCsv(): Buffer {
  const lines = ['Serial Number,Model,Sales Code'];
  for (let i = 0; i < ROWS; i++) {
    // Every 1,000th serial has a hyphen: an error Samsung would answer with FUD_1019.
    const serial = i % 1000 === 999 ? `R58-${String(i).padStart(7, '0')}` : `R58N${String(i).padStart(7, '0')}`;
    lines.push(`${serial},SM-G991B,BTU`);
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

async function toImport(page: Page): Promise<void> {
  const start = page.getByRole('button', { name: 'Start in practice mode' });
  if (await start.isVisible()) await start.click();
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Import' }).click();
}

/** The JS files the page itself loads: index.html's entry and everything it imports statically. */
function pageChunks(dir: string): string[] {
  const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
  const queue = [...html.matchAll(/<script[^>]+src="\.?\/?([^"]+\.js)"/g)].map((m) => m[1] ?? '');
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.shift() ?? '';
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(path.join(dir, file), 'utf8');
    for (const m of code.matchAll(/(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+\.js)["']/g)) queue.push(path.posix.join(path.posix.dirname(file), m[1] ?? ''));
  }
  return [...seen];
}

test('the parser is bundled only into the Worker, not into the page', () => {
  const dir = path.join('out', 'renderer');
  expect(existsSync(path.join(dir, 'index.html')), 'build the renderer first (npx electron-vite build)').toBe(true);
  const chunks = pageChunks(dir);
  expect(chunks.length).toBeGreaterThan(0);
  // Strings only the CSV and XLSX readers contain (they survive minification).
  const parserMarks = ['UndetectableDelimiter', 'sharedStrings'];
  for (const chunk of chunks) {
    const code = readFileSync(path.join(dir, chunk), 'utf8');
    for (const mark of parserMarks) expect(code.includes(mark), `${chunk} (loaded by the page) contains ${mark}`).toBe(false);
  }
  const workers = readdirSync(path.join(dir, 'assets')).filter((f) => /worker/i.test(f) && f.endsWith('.js'));
  expect(workers.length, 'a separate Worker chunk').toBeGreaterThan(0);
  const workerCode = workers.map((f) => readFileSync(path.join(dir, 'assets', f), 'utf8')).join('\n');
  for (const mark of parserMarks) expect(workerCode, `the Worker holds the ${mark} reader`).toContain(mark);
});

test('200,000 rows scroll with at most 200 row elements in the DOM', async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page);
  await toImport(page);
  const workerStarted = page.waitForEvent('worker');
  await page.getByTestId('file-input').setInputFiles({ name: 'fleet-200k.csv', mimeType: 'text/csv', buffer: fleetCsv() });
  const worker = await workerStarted;
  expect(worker.url()).toMatch(/worker/i);
  await expect(page.getByTestId('import-totals')).toContainText('200,000 rows read', { timeout: 120_000 });
  await expect(page.locator('section[data-parsed-in]')).toHaveAttribute('data-parsed-in', 'worker');

  const grid = page.getByTestId('import-grid');
  // Count row elements on every DOM change, not only when the test looks.
  await grid.evaluate((el) => {
    const g = globalThis as unknown as PageGlobals;
    g.maxRows = el.querySelectorAll('[role="row"]').length;
    new g.MutationObserver(() => {
      g.maxRows = Math.max(g.maxRows, el.querySelectorAll('[role="row"]').length);
    }).observe(el, { childList: true, subtree: true });
  });
  for (let step = 1; step <= 40; step++) {
    await grid.evaluate((el, f) => {
      el.scrollTop = (el.scrollHeight - el.clientHeight) * f;
    }, step / 40);
    const expected = Math.floor(((ROWS - 1) * step) / 40);
    await expect.poll(() => grid.locator('[role="row"][aria-rowindex]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('aria-rowindex'))).reduce((a, b) => Math.max(a, b), 0))).toBeGreaterThanOrEqual(expected);
    expect(await grid.locator('[role="row"]').count()).toBeLessThanOrEqual(200);
  }
  await expect(grid.locator(`[aria-rowindex="${ROWS + 1}"]`)).toBeVisible();
  expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).maxRows)).toBeLessThanOrEqual(200);

  // F8 goes to the first error, row 1,001 of the file (row 1 is the header), then to the next.
  await grid.focus();
  await page.keyboard.press('F8');
  await expect(page.getByTestId('row-details')).toContainText('Row 1001');
  await page.keyboard.press('F8');
  await expect(page.getByTestId('row-details')).toContainText('Row 2001');
  expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).maxRows)).toBeLessThanOrEqual(200);
});

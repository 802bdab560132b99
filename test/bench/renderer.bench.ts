// Benchmark (not a test): how heavy and how responsive the window is. Prints one JSON object.
//   npm run bench:renderer      (builds, then runs out/node/bench-renderer.mjs)
// 1. The renderer's JavaScript, gzipped: what the page loads, and the import Worker (goal ≤ 350 KB).
// 2. Time to first paint of the main screen in Chromium (web mode, a seeded data folder).
// 3. The longest main-thread task while importing 200,000 rows (goal ≤ 200 ms; the parser runs in
//    a Worker, so the page's thread only receives the result) — PerformanceObserver 'longtask'.
// 4. The same while the history screen renders 1,000 sent batches.
// Web mode runs as its own process (node out/node/web.mjs), as `npm run start:web` does.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { newTrackedUpdate } from '../../main/batches/track.ts';
import { emptyHistory } from '../../main/store/history/history-model.ts';
import { HistoryStore } from '../../main/store/history/history-store.ts';

const ROWS = 200_000;
const BATCHES = 1_000;
const DEVICES_PER_BATCH = 20;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RENDERER = path.join(ROOT, 'out', 'renderer');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], cwd: ROOT }).trim();
  } catch {
    return null;
  }
}

const kb = (bytes: number): number => Math.round((bytes / 1024) * 10) / 10;

/** The JS files index.html loads, following static imports; and the Worker chunks. */
function bundleSizes(): { pageJsGzipKb: number; workerJsGzipKb: number; totalJsGzipKb: number; files: number } {
  const html = readFileSync(path.join(RENDERER, 'index.html'), 'utf8');
  const queue = [...html.matchAll(/<script[^>]+src="\.?\/?([^"]+\.js)"/g)].map((m) => m[1] ?? '');
  const page = new Set<string>();
  while (queue.length > 0) {
    const file = queue.shift() ?? '';
    if (page.has(file)) continue;
    page.add(file);
    const code = readFileSync(path.join(RENDERER, file), 'utf8');
    for (const m of code.matchAll(/(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+\.js)["']/g)) queue.push(path.posix.join(path.posix.dirname(file), m[1] ?? ''));
  }
  const all = readdirSync(path.join(RENDERER, 'assets')).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
  const gz = (files: readonly string[]): number => files.reduce((n, f) => n + gzipSync(readFileSync(path.join(RENDERER, f))).length, 0);
  const worker = all.filter((f) => /worker/i.test(f));
  const pageBytes = gz([...page]);
  const workerBytes = gz(worker);
  return { pageJsGzipKb: kb(pageBytes), workerJsGzipKb: kb(workerBytes), totalJsGzipKb: kb(gz(all)), files: all.length };
}

/** A data folder whose window opens on the main screen, with 1,000 sent batches in its history. */
async function seedDataDir(): Promise<string> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fota-bench-renderer-'));
  writeFileSync(path.join(dataDir, 'preferences.json'), `${JSON.stringify({ concurrency: 2, exportDelimiter: ',', welcomeDone: true })}\n`);
  mkdirSync(path.join(dataDir, 'history'), { recursive: true });
  const store = new HistoryStore(dataDir);
  const customerId = 'EEEE4444-FF55-AA66-BB77-CCCCCC888888';
  const now = Date.now();
  for (let b = 0; b < BATCHES; b++) {
    const batchId = `b-${String(b).padStart(12, '0')}`;
    // Sent in the last six weeks and already final: the background refresh leaves them alone.
    const sentAt = new Date(now - (b + 1) * 3_600_000).toISOString();
    const serials = Array.from({ length: DEVICES_PER_BATCH }, (_, i) => `R58N${String(b).padStart(4, '0')}${String(i).padStart(3, '0')}`);
    const update = newTrackedUpdate({ forceUpdateId: `${String(100 + (b % 800))}20260101-JEA${String(b).padStart(8, '0')}`, sendId: null, callId: 'SM-G991B/BTU#1', model: 'SM-G991B', salesCode: 'BTU', target: 'Latest', network: 'WIFIONLY', serials, sentAt });
    const final = {
      ...update,
      status: 'final' as const,
      closedReason: 'finished: nothing processing',
      asOf: sentAt,
      devices: update.devices.map((d, i) => ({ ...d, state: i % 10 === 0 ? ('failed' as const) : i % 7 === 0 ? ('processing' as const) : ('downloaded' as const), reason: i % 10 === 0 ? 'Low battery' : null })),
    };
    await store.update(batchId, () => emptyHistory({ batchId, batchName: `Batch ${b + 1}`, customerId, profile: 'practice', practice: true }), (h) => ({ ...h, updates: [final] }));
  }
  return dataDir;
}

/** Starts web mode on a data folder; resolves with its address (token included). */
function startWeb(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const urlFile = path.join(dataDir, 'web-url.txt');
  const child = spawn(process.execPath, [path.join(ROOT, 'out', 'node', 'web.mjs')], {
    env: { ...process.env, FOTA_DESK_DATA_DIR: dataDir, FOTA_DESK_INSECURE_MEMORY_SECRETS: '1', FOTA_DESK_WEB_URL_FILE: urlFile },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const m = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
      if (m?.[1]) resolve({ url: m[1], child });
    });
    child.once('exit', (code) => reject(new Error(`web mode exited (${String(code)}) before printing its address`)));
  });
}

/** What the page's global scope offers the measurements (the bench's own types have no DOM). */
interface PageGlobals {
  longest: number;
  longTasks: number;
  PerformanceObserver: new (callback: (list: { getEntries(): { duration: number }[] }) => void) => { observe(options: { type: string }): void };
}

/** Starts counting main-thread tasks over 50 ms (the Long Tasks API). */
async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    g.longest = 0;
    g.longTasks = 0;
    new g.PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        g.longTasks++;
        g.longest = Math.max(g.longest, entry.duration);
      }
    }).observe({ type: 'longtask' });
  });
}

async function longTasks(page: Page): Promise<{ longestTaskMs: number; tasksOver50Ms: number }> {
  // One more frame, so a task that just ended is reported.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
  const r = await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    return { longest: g.longest, count: g.longTasks };
  });
  return { longestTaskMs: Math.round(r.longest), tasksOver50Ms: r.count };
}

function fleetCsv(): Buffer {
  const lines = ['Serial Number,Model,Sales Code'];
  for (let i = 0; i < ROWS; i++) lines.push(`R58N${String(i).padStart(7, '0')},${i % 3 === 0 ? 'SM-A536B' : 'SM-G991B'},BTU`);
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

async function main(): Promise<void> {
  const bundle = bundleSizes();
  const dataDir = await seedDataDir();
  const web = await startWeb(dataDir);
  const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const t0 = Date.now();
    await page.goto(web.url);
    await page.getByRole('heading', { level: 1, name: 'Licence' }).waitFor();
    const mainScreenWallMs = Date.now() - t0;
    const paint = await page.evaluate(() => {
      const p = (globalThis as unknown as { performance: { getEntriesByType(type: string): { name: string; startTime: number }[] } }).performance;
      const entries = p.getEntriesByType('paint');
      return { fp: entries.find((e) => e.name === 'first-paint')?.startTime ?? null, fcp: entries.find((e) => e.name === 'first-contentful-paint')?.startTime ?? null };
    });

    // 200,000 rows through the import screen.
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Import' }).click();
    await watchLongTasks(page);
    const importStart = Date.now();

    // A file on disk, as an admin picks it: handing Playwright a buffer would decode it on the page's thread.
    const csvPath = path.join(dataDir, 'fleet-200k.csv');
    writeFileSync(csvPath, fleetCsv());
    await page.locator('[data-testid="file-input"]').setInputFiles(csvPath);
    await page.getByTestId('import-totals').getByText('200,000 rows read').waitFor({ timeout: 180_000 });
    const importWallMs = Date.now() - importStart;
    const importTasks = await longTasks(page);

    // 1,000 batches on the history screen.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Licence' }).waitFor();
    await watchLongTasks(page);
    const historyStart = Date.now();
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'History' }).click();
    await page.locator('[data-testid="history-list"] tbody tr').nth(BATCHES - 1).waitFor({ timeout: 60_000 });
    const historyWallMs = Date.now() - historyStart;
    const historyTasks = await longTasks(page);

    process.stdout.write(
      `${JSON.stringify(
        {
          benchmark: 'renderer',
          machine: { cores: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', node: process.version, chromium: browser.version() },
          commit: gitCommit(),
          bundle: { ...bundle, goalKb: 350, withinGoal: bundle.totalJsGzipKb <= 350 },
          firstPaint: { firstPaintMs: paint.fp === null ? null : Math.round(paint.fp), firstContentfulPaintMs: paint.fcp === null ? null : Math.round(paint.fcp), mainScreenShownWallMs: mainScreenWallMs },
          import200k: { rows: ROWS, wallMs: importWallMs, ...importTasks, goalMs: 200, withinGoal: importTasks.longestTaskMs <= 200 },
          history1000: { batches: BATCHES, devicesPerBatch: DEVICES_PER_BATCH, wallMs: historyWallMs, ...historyTasks },
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    await browser.close();
    web.child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();

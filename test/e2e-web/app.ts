// Shared steps of the web E2E: open the app through a link of its own (key → cookie), keep a
// screenshot of a screen with the report, and run axe on the page as it is.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';

/**
 * A new single-use link of the web mode playwright.config.ts's webServer started (on the run's data
 * folder, FOTA_E2E_DATA_DIR), asked for the way `web.mjs --new-link` asks: with the port and control
 * key the running server published in `<data folder>/web-mode.json` (test/integration/web covers the
 * command itself; calling the route directly spares a Node start per test on a loaded machine).
 * Every test opens a fresh browser context, and a link lets one browser in once, so each gets its own.
 */
export async function newLink(): Promise<string> {
  const dataDir = process.env['FOTA_E2E_DATA_DIR'];
  if (!dataDir || !process.env['FOTA_WEB_URL']) throw new Error('run the web E2E through `npx playwright test --project=web` (its webServer starts web mode).');
  const control = JSON.parse(readFileSync(path.join(dataDir, 'web-mode.json'), 'utf8')) as { port: number; key: string };
  const body = await new Promise<string>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: control.port, method: 'POST', path: '/api/new-link', agent: false, headers: { 'x-fota-desk-control': control.key, 'content-length': 0 } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => (res.statusCode === 200 ? resolve(text) : reject(new Error(`new link refused: HTTP ${String(res.statusCode)} ${text}`))));
    });
    req.on('error', reject);
    req.end();
  });
  return (JSON.parse(body) as { url: string }).url;
}

/** Opens the app through a new link and waits until it shows the active profile. */
export async function openApp(page: Page): Promise<void> {
  await page.goto(await newLink());
  // The key was swapped for the cookie and removed from the address.
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('active-profile')).toBeVisible();
}

/** Saves a full-page screenshot in test-results/screens and attaches it to the report. */
export async function keepScreenshot(page: Page, info: TestInfo, name: string): Promise<void> {
  // The window scrolls inside its main area; let the page grow for the picture so all of a screen shows.
  const unclip = await page.addStyleTag({ content: 'html, body, #root, .shell { height: auto !important; } .content { overflow: visible !important; } .sticky-actions { position: static !important; }' });
  const body = await page.screenshot({ fullPage: true });
  await unclip.evaluate((element) => element.remove());
  const dir = path.join('test-results', 'screens');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${name}.png`), body);
  await info.attach(name, { body, contentType: 'image/png' });
}

/** Runs axe on the page; fails on any serious or critical violation, listing them. */
export async function expectNoSeriousViolations(page: Page, info: TestInfo, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  await info.attach(`axe-${what}.json`, { body: JSON.stringify(results.violations, null, 2), contentType: 'application/json' });
  expect(
    serious.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `serious or critical axe violations on ${what}`,
  ).toEqual([]);
  expect(results.passes.length, `axe ran its checks on ${what}`).toBeGreaterThan(10);
}

/** What the page's `window.fota` offers a test (its own types have no DOM). */
interface PageBridge {
  fota: { invoke: Record<string, (payload?: unknown) => Promise<{ ok: boolean; data?: unknown; error?: { message: string } }>> };
}

/** Calls one contract channel from the page, as the window would; fails the test on an error result. */
export async function invokeInPage(page: Page, channel: string, payload: unknown): Promise<void> {
  const result = await page.evaluate(
    ([c, p]) => (globalThis as unknown as PageBridge).fota.invoke[c as string]?.(p),
    [channel, payload] as const,
  );
  expect(result?.ok, `${channel}: ${result?.error?.message ?? ''}`).toBe(true);
}

/** Test-only controls of the practice simulator (web mode started with FOTA_DESK_TEST_CONTROLS=1). */
export function simulatorControls(page: Page, change: { latencyMs?: number; advanceMinutes?: number; forceUpdateFaults?: string[] }): Promise<void> {
  return invokeInPage(page, 'practice:testControls', { latencyMs: change.latencyMs ?? null, advanceMinutes: change.advanceMinutes ?? null, forceUpdateFaults: change.forceUpdateFaults ?? null });
}

/**
 * Leaves the first-run screen for practice mode when the data folder has not seen it yet (a spec run
 * on its own). Asks main rather than looking at the page: the window switches to the first-run screen
 * only once its preferences have arrived, so a glance right after opening can miss it.
 */
export async function leaveFirstRun(page: Page): Promise<void> {
  const answer = await page.evaluate(() => (globalThis as unknown as PageBridge).fota.invoke['preferences:get']?.(null));
  const preferences = answer?.data as { welcomeDone?: boolean } | undefined;
  expect(answer?.ok, `preferences:get: ${answer?.error?.message ?? ''}`).toBe(true);
  if (preferences?.welcomeDone === false) await page.getByRole('button', { name: 'Start in practice mode' }).click();
}

/** Opens a screen from the navigation and waits for its heading. */
export async function goTo(page: Page, screen: string, heading: string | RegExp = screen): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: screen }).click();
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}

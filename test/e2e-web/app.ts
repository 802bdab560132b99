// Shared steps of the web E2E: open the app through the printed address (key → cookie), keep a
// screenshot of a screen with the report, and run axe on the page as it is.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The address `node out/node/web.mjs` printed (captured by playwright.config.ts's webServer). */
export function appUrl(): string {
  const url = process.env['FOTA_WEB_URL'];
  if (!url) throw new Error('FOTA_WEB_URL is not set: run the web E2E through `npx playwright test --project=web` (its webServer starts web mode).');
  return url;
}

/** Opens the app and waits until it shows the active profile. */
export async function openApp(page: Page): Promise<void> {
  await page.goto(appUrl());
  // The key was swapped for the cookie and removed from the address.
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('active-profile')).toBeVisible();
}

/** Saves a full-page screenshot in test-results/screens and attaches it to the report. */
export async function keepScreenshot(page: Page, info: TestInfo, name: string): Promise<void> {
  const body = await page.screenshot({ fullPage: true });
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

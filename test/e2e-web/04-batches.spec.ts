// An import turned into a batch, sent safely and followed to the last device, against the real
// services and the practice simulator: two models → two groups → dry run (an abnormal serial
// excluded) → send with latency → pause and resume → history → per-device results after the
// simulator's clock moved on → export → serial search. Then a hand-off file, and a scheduled group
// whose broken window is explained before anything is sent. A screenshot of each screen is kept.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { goTo, invokeInPage, keepScreenshot, leaveFirstRun, openApp, simulatorControls } from './app.ts';

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });

const FIXTURE = 'test/e2e-web/fixtures/two-models.csv';

async function importFixture(page: Page): Promise<void> {
  await goTo(page, 'Import');
  await page.getByTestId('file-input').setInputFiles(FIXTURE);
  await expect(page.getByTestId('import-totals')).toContainText('19 rows read');
}

async function createBatch(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Build a batch from these 19 devices…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a batch' });
  await dialog.getByLabel('Batch name').fill(name);
  await dialog.getByLabel('Wi-Fi only (the device waits for Wi-Fi)').check();
  await dialog.getByRole('button', { name: 'Create the draft batch' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Batch: ${name}` })).toBeVisible();
}

test('import → batch of two groups → dry run → send with pause and resume → history → export → search', async ({ page }, info) => {
  test.setTimeout(120_000);
  await openApp(page);
  await leaveFirstRun(page);
  // One call at a time and a slow simulator, so the progress can be watched and paused.
  await invokeInPage(page, 'preferences:update', { concurrency: 1 });

  await importFixture(page);
  await createBatch(page, 'E2E Q4 phones');
  const phones = page.getByTestId('group-SM-G991B/BTU');
  const midrange = page.getByTestId('group-SM-A536B/BTU');
  await expect(phones).toContainText('SM-G991B / BTU — 13 devices');
  await expect(midrange).toContainText('SM-A536B / BTU — 6 devices');
  await expect(phones).toContainText('Reaches: 13 listed devices of model SM-G991B / sales code BTU');

  // The A536B group gets a firmware picked from Samsung's list.
  await midrange.getByLabel('A firmware from Samsung’s list').check();
  await midrange.getByRole('button', { name: 'Fetch the firmware list of SM-A536B / BTU now' }).click();
  await midrange.getByLabel('Firmware for SM-A536B / BTU').selectOption('A536BXXS9DXG3/A536BOXM9DXG3/A536BXXS9DXG3');
  // A typed target for another model is explained, then left.
  await phones.getByLabel('Type a firmware (AP/CSC/CP)').check();
  await phones.getByLabel('Typed firmware for SM-G991B / BTU').fill('A536BXXS9DXG3/A536BOXM9DXG3/A536BXXS9DXG3');
  await expect(page.getByTestId('findings-SM-G991B/BTU')).toContainText('does not start with G991B');
  await phones.getByLabel('Latest (the newest Samsung offers when each call arrives)').check();
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('button', { name: 'Draft saved' })).toBeVisible();
  await keepScreenshot(page, info, '07-batch-builder');

  // Ctrl+Enter: the dry run. The device that is not enrolled moves to Excluded.
  await page.keyboard.press('Control+Enter');
  const dryRun = page.getByTestId('dry-run');
  await expect(dryRun).toContainText('18 devices to send');
  await expect(dryRun).toContainText('2 forceUpdate calls');
  await expect(dryRun).toContainText('1 excluded');
  await expect(page.getByTestId('excluded')).toContainText('R58N1NE0001');
  await expect(page.getByTestId('excluded')).toContainText('Not Enrolled');
  await keepScreenshot(page, info, '08-dry-run');

  // The confirmation names the tenant, resolves Latest and offers to pin it.
  await dryRun.getByRole('button', { name: 'Send…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Send E2E Q4 phones?' });
  await expect(confirm).toContainText('Practice: profile Practice (demo tenant), customer ID EEEE4444-FF55-AA66-BB77-CCCCCC888888');
  await expect(confirm).toContainText('licence …hh77');
  await expect(confirm.getByTestId('latest')).toContainText('SM-G991B/BTU: G991BXXSAFXH1/G991BOXMAFXH1/G991BXXSAFXH1');
  await expect(confirm).toContainText('Samsung cannot withdraw an update it has accepted');
  await keepScreenshot(page, info, '09-send-confirmation');
  await simulatorControls(page, { latencyMs: 2500 });
  await confirm.getByLabel('Pin these firmware versions to the batch, so every call sends exactly them').check();
  await confirm.getByRole('button', { name: 'Send 18 devices to Practice (demo tenant)' }).click();

  // Progress, then pause after the call in flight, then resume to the end.
  await expect(page.getByRole('heading', { level: 1, name: 'Sending: E2E Q4 phones PRACTICE' })).toBeVisible();
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('send-phase')).toContainText('Paused', { timeout: 20_000 });
  await expect(page.getByTestId('send-counts')).toContainText('1 accepted');
  await expect(page.getByTestId('send-progress')).toHaveAttribute('value', '1');
  await keepScreenshot(page, info, '10-send-paused');
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByTestId('send-phase')).toContainText('Finished', { timeout: 20_000 });
  await expect(page.getByTestId('send-counts')).toContainText('2 accepted');
  await expect(page.getByTestId('toast')).toContainText('Batch “E2E Q4 phones” finished');
  await keepScreenshot(page, info, '11-send-finished');
  await simulatorControls(page, { latencyMs: 0 });

  // History: the ids with their expiry; then the devices once the simulator's clock moved on.
  await page.getByRole('button', { name: 'Follow it in History' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
  const detail = page.getByTestId('history-detail');
  await expect(detail.getByTestId('history-updates').locator('tbody tr')).toHaveCount(2);
  await expect(detail.getByTestId('device-count')).toHaveText('18 devices shown');
  await simulatorControls(page, { advanceMinutes: 240 });
  await page.keyboard.press('F5');
  await expect(detail.getByRole('img', { name: /^Devices: 0 processing/ })).toBeVisible();
  await expect(detail.getByTestId('history-devices')).toContainText('downloaded');
  await keepScreenshot(page, info, '12-history');

  // Export: a CSV that re-imports as a device list, marked PRACTICE.
  const download = page.waitForEvent('download');
  await detail.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('PRACTICE-E2E Q4 phones results.csv');
  const csv = readFileSync(await file.path(), 'utf8');
  expect(csv).toContain('PRACTICE');
  expect(csv).toContain('Serial Number');
  expect(csv).toContain('R58N1SP0001');

  // The helpdesk's look-up: one serial across all history.
  await page.getByLabel('Find a serial in all history').fill('r58n1sp0002');
  await page.getByRole('button', { name: 'Find' }).click();
  await expect(page.getByTestId('search-result')).toContainText('R58N1SP0002');
  await expect(page.getByTestId('search-result')).toContainText('E2E Q4 phones');
  await keepScreenshot(page, info, '13-history-search');
});

test('a hand-off file shows who prepared it; a scheduled group’s broken window is explained before sending', async ({ page }, info) => {
  await openApp(page);
  await leaveFirstRun(page);
  await importFixture(page);
  await createBatch(page, 'E2E scheduled');

  // Export the draft, delete it, and open the file again: the builder says who prepared it.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export .fotabatch' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('PRACTICE-E2E scheduled.fotabatch');
  await goTo(page, 'Batches');
  await page.getByRole('button', { name: 'Delete E2E scheduled' }).click();
  await page.getByRole('dialog', { name: 'Delete a batch' }).getByRole('button', { name: 'Delete batch' }).click();
  await expect(page.getByRole('row', { name: /E2E scheduled/ })).toHaveCount(0);
  await page.getByTestId('batch-file-input').setInputFiles({ name: 'PRACTICE-E2E scheduled.fotabatch', mimeType: 'application/json', buffer: readFileSync(await file.path()) });
  await expect(page.getByRole('heading', { level: 1, name: 'Batch: E2E scheduled' })).toBeVisible();
  await expect(page.getByTestId('handoff')).toContainText('From the hand-off file PRACTICE-E2E scheduled.fotabatch: prepared by');

  // Scheduled: the whole group in a window of 10 days — Samsung allows 7 at most.
  const midrange = page.getByTestId('group-SM-A536B/BTU');
  await midrange.getByLabel('Scheduled: a whole registered group in a delivery window (serverInit)').check();
  await expect(midrange).toContainText('Reaches: all devices of group');
  await midrange.getByLabel('Registered group for SM-A536B / BTU').fill('SALES-PHONES');
  const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  await midrange.getByLabel('First day (GMT) for SM-A536B / BTU').fill(day(2));
  await midrange.getByLabel('Last day (GMT) for SM-A536B / BTU').fill(day(12));
  await expect(midrange).toContainText('Reaches: all devices of group SALES-PHONES with model SM-A536B / carrier code BTU');
  await expect(page.getByTestId('window-SM-A536B/BTU')).toContainText('GMT');
  await expect(page.getByTestId('window-SM-A536B/BTU')).toContainText('local time');
  const findings = page.getByTestId('findings-SM-A536B/BTU');
  await expect(findings).toContainText('FUD_3002');
  await expect(findings.locator('.finding-error')).toHaveCount(1);
  await keepScreenshot(page, info, '14-builder-window-error');

  // Saved and dry-run: the error blocks the send.
  await page.keyboard.press('Control+Enter');
  const dryRun = page.getByTestId('dry-run');
  await expect(dryRun.getByTestId('dry-run-findings')).toContainText('FUD_3002');
  await expect(dryRun.getByRole('button', { name: 'Send…' })).toBeDisabled();
  await expect(dryRun).toContainText('Fix the errors of the dry run first.');
  await keepScreenshot(page, info, '15-dry-run-window-error');
});

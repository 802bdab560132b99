// The first hour of an IT admin, against the real services and the practice simulator:
// first run in practice mode → licence → register a group and copy its Corp ID → import a
// spreadsheet with errors → filter them → fix the column mapping. A screenshot of each screen is kept.
import { expect, test } from '@playwright/test';
import { expectNoSeriousViolations, keepScreenshot, openApp } from './app.ts';

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1366, height: 900 } });

test('first run in practice mode, licence, groups', async ({ page, context }, info) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);

  // First run: practice is the default and clearly marked.
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to FOTA Desk' })).toBeVisible();
  await expect(page.getByTestId('active-profile')).toContainText('PRACTICE');
  await keepScreenshot(page, info, '01-first-run');
  await expectNoSeriousViolations(page, info, 'first run');
  // The tenant form is one step away; it is scanned, then left for practice mode.
  await page.getByRole('button', { name: 'Connect a tenant…' }).click();
  await expect(page.getByLabel('Client secret')).toHaveAttribute('type', 'password');
  await expectNoSeriousViolations(page, info, 'first run: connect a tenant');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Start in practice mode' }).click();

  // Licence: fetched from the simulator, with its age and warnings.
  await expect(page.getByRole('heading', { level: 1, name: 'Licence' })).toBeVisible();
  await expect(page.getByTestId('licence-age')).toContainText('just now');
  await expect(page.locator('.facts')).toContainText('Normal');
  await expect(page.locator('.facts')).toContainText('SA (stand-alone E-FOTA)');
  await keepScreenshot(page, info, '02-licence');

  // Groups: register one, copy its Corp ID.
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Groups' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Groups' })).toBeVisible();
  await page.getByLabel('Group ID').fill('field-tablets');
  await page.getByLabel('Note (optional)').fill('rugged tablets in the depot');
  await page.getByRole('button', { name: 'Register group' }).click();
  const corpId = page.getByTestId('corp-id-FIELD-TABLETS');
  await expect(corpId).toHaveText('D1E2F3G4H5/EEEE4444-FF55-AA66-BB77-CCCCCC888888/FIELD-TABLETS');
  await page.getByRole('button', { name: 'Copy Corp ID of FIELD-TABLETS' }).click();
  await expect(page.getByRole('button', { name: 'Copied Corp ID of FIELD-TABLETS' })).toBeVisible();
  expect(await page.evaluate('navigator.clipboard.readText()')).toBe('D1E2F3G4H5/EEEE4444-FF55-AA66-BB77-CCCCCC888888/FIELD-TABLETS');
  await expect(page.getByTestId('announcer')).toContainText('Corp ID of FIELD-TABLETS copied');

  // Enrolment check: one enrolled serial, one unknown → explained per category.
  await page.getByLabel('Serial numbers').fill('C08900518981610\nR58N1NE0000');
  await page.getByRole('button', { name: /^Check 2 serials$/ }).click();
  await expect(page.getByTestId('enrolment-result')).toContainText('1 device enrolled and fine');
  await expect(page.getByTestId('enrolment-result')).toContainText('Not Enrolled — 1 device');
  await keepScreenshot(page, info, '03-groups');
});

test('import a spreadsheet with errors, filter them, fix the column mapping', async ({ page }, info) => {
  await openApp(page);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();

  // Ctrl+O opens the file picker.
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Control+o');
  await (await chooser).setFiles('test/e2e-web/fixtures/fleet-with-errors.csv');

  // Two columns are named like the serial and the one taken mostly does not fit: the dialog opens.
  const dialog = page.getByRole('dialog', { name: 'Column mapping' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("2 columns look like the serial number: B 'Serial', C 'Serial No.'");
  await expect(dialog).toContainText('Only 70 % of the values in column B');
  await keepScreenshot(page, info, '05-import-mapping-dialog');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  const totals = page.getByTestId('import-totals');
  await expect(totals).toContainText('10 rows read');
  await expect(totals).toContainText('5 rejected');
  await expect(page.locator('section[data-parsed-in]')).toHaveAttribute('data-parsed-in', 'worker');

  // Filter the errors, and walk them with F8.
  await page.getByLabel('Errors only').check();
  await expect(page.getByTestId('shown-count')).toHaveText('5 rows shown, 5 errors');
  await expect(page.getByTestId('import-grid').locator('.vt-row')).toHaveCount(5);
  await page.keyboard.press('F8');
  await expect(page.getByTestId('row-details')).toContainText('Row 4');
  await expect(page.getByTestId('row-details')).toContainText("Serial 'R58N-31ABCDG' contains a hyphen");
  await expect(page.getByTestId('announcer')).toContainText('Error 1 of 5, row 4');
  await page.keyboard.press('F8');
  await expect(page.getByTestId('row-details')).toContainText('Row 7');
  await keepScreenshot(page, info, '04-import-errors');

  // Fix the mapping: the serial is in column C.
  await page.getByRole('button', { name: 'Column mapping…' }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Serial number').selectOption({ label: 'C: Serial No. (e.g. R58N31ABCDE, R58N31ABCDF)' });
  await dialog.getByRole('button', { name: 'Apply and check again' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(totals).toContainText('2 rejected');
  await expect(page.getByTestId('shown-count')).toHaveText('2 rows shown, 2 errors');
  await expect(page.getByTestId('import-grid')).toContainText('GALAXY A53');
  await page.getByLabel('All rows').check();
  await expect(page.getByTestId('shown-count')).toHaveText('10 rows shown, 2 errors');
  await keepScreenshot(page, info, '05b-import-fixed');

  // The mapping was remembered for this header: the same file maps itself next time.
  const again = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a file… (Ctrl+O)' }).click();
  await (await again).setFiles('test/e2e-web/fixtures/fleet-with-errors.csv');
  await expect(page.getByText('The column mapping you chose for files with this header was used.')).toBeVisible();
  await expect(totals).toContainText('2 rejected');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

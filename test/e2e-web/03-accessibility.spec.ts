// axe-core on every screen in its populated state and with every dialog open: no serious or
// critical violation. The web server (and its data folder) is shared by every spec of the run, so
// each test makes what it looks at itself — its own group, its own profile, the remembered column
// mapping it expects — and passes alone (`-g`) as well as after the journey.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { headerSignature } from '../../common/import/headers.ts';
import { expectNoSeriousViolations, goTo, invokeInPage, keepScreenshot, leaveFirstRun, openApp } from './app.ts';

/** A suffix no earlier run or test used, for names that must be new. */
const fresh = (): string => Date.now().toString(36).toUpperCase();

test.use({ viewport: { width: 1366, height: 900 } });

test('licence and groups screens, and the group dialogs', async ({ page, context }, info) => {
  await openApp(page);
  await leaveFirstRun(page);
  const groupId = `A11Y-${fresh()}`;
  await invokeInPage(page, 'groups:register', { groupId, note: 'accessibility check' });
  await goTo(page, 'Licence');
  await page.getByRole('button', { name: 'Refresh from Samsung' }).click();
  await expect(page.locator('.facts')).toContainText('Normal');
  await expectNoSeriousViolations(page, info, 'licence');

  // The offline banner says which cause and since when; it goes when the network is back.
  await context.setOffline(true);
  const banner = page.getByRole('status').filter({ hasText: 'Offline.' });
  await expect(banner).toContainText('the browser says so');
  await expect(banner).toContainText('just now');
  await expectNoSeriousViolations(page, info, 'licence, offline');
  await keepScreenshot(page, info, '02b-licence-offline');
  await context.setOffline(false);
  await expect(banner).toHaveCount(0);

  await goTo(page, 'Groups');
  await expect(page.getByTestId('groups-table')).toBeVisible();
  await page.getByLabel('Serial numbers').fill('C08900518981610\nR58N1NE0000\nbad-serial!');
  await page.getByRole('button', { name: /^Check 3 serials$/ }).click();
  await expect(page.getByTestId('enrolment-result')).toContainText('Not Enrolled');
  await page.getByTestId('enrolment-result').locator('summary').first().click();
  await expectNoSeriousViolations(page, info, 'groups');

  const first = page.getByTestId('groups-table').locator('tbody tr').filter({ hasText: groupId });
  await first.getByRole('button', { name: /^Move to another licence / }).click();
  await expect(page.getByRole('dialog', { name: 'Move a group to another licence' })).toBeVisible();
  await expectNoSeriousViolations(page, info, 'dialog: move group');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  await first.getByRole('button', { name: /^Forget / }).click();
  await expect(page.getByRole('dialog', { name: 'Forget a group' })).toBeVisible();
  await expectNoSeriousViolations(page, info, 'dialog: forget group');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.getByRole('button', { name: 'Add a group registered elsewhere…' }).click();
  await expect(page.getByRole('dialog', { name: 'Add a group registered elsewhere' })).toBeVisible();
  await expectNoSeriousViolations(page, info, 'dialog: add group');
  await page.keyboard.press('Escape');
});

test('settings with a connected profile, and the profile dialogs', async ({ page }, info) => {
  const name = `Contoso EU ${fresh()}`;
  await openApp(page);
  await leaveFirstRun(page);
  await goTo(page, 'Settings');
  await page.getByRole('button', { name: 'Add a profile…' }).click();
  const add = page.getByRole('dialog', { name: 'Add a profile' });
  await expect(add).toBeVisible();
  await expectNoSeriousViolations(page, info, 'dialog: add profile');
  await add.getByLabel('Profile name').fill(name);
  await add.getByLabel('MDM ID').fill('K7Q2M9X4TP');
  await add.getByLabel('Customer ID').fill('3F2A91C4-7B10-4D2E-9A55-0C6E81B2D7F3');
  await add.getByLabel('Licence key').fill('EFOTA1-a1b2c3-d4e5f6-g7h8');
  await add.getByLabel('Client ID').fill('5a1e7c2d-0b3f-4e69-8d21-c4f0a9b7e356');
  await add.getByLabel('Client secret').fill('an-example-secret-value');
  await add.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const row = page.getByRole('row', { name });
  await expect(row).toContainText('stored in the keychain');
  await expect(page.locator('body')).not.toContainText('an-example-secret-value');
  await expectNoSeriousViolations(page, info, 'settings');
  await keepScreenshot(page, info, '06-settings');

  await row.getByRole('button', { name: `Edit ${name}` }).click();
  const edit = page.getByRole('dialog', { name: `Edit ${name}` });
  // The stored secret is never shown back: the field is empty and says a secret is stored.
  await expect(edit.getByLabel('Client secret')).toHaveValue('');
  await expect(edit).toContainText('A secret is stored in the OS keychain');
  await expectNoSeriousViolations(page, info, 'dialog: edit profile');
  // Another server: the stored secret will not go there, so the window asks for it again.
  await expect(edit.getByTestId('secret-retargeted')).toHaveCount(0);
  await edit.getByLabel('Base URL').fill('https://other-host.example.com');
  await expect(edit.getByTestId('secret-retargeted')).toContainText('saving removes it from the keychain');
  await expect(edit.getByLabel('Client secret')).toHaveAttribute('required', '');
  await expectNoSeriousViolations(page, info, 'dialog: edit profile, another base URL');
  await edit.getByRole('button', { name: 'Cancel' }).click();

  await row.getByRole('button', { name: `Delete ${name}` }).click();
  await expect(page.getByRole('dialog', { name: 'Delete profile' })).toBeVisible();
  await expectNoSeriousViolations(page, info, 'dialog: delete profile');
  await page.getByRole('dialog').getByRole('button', { name: 'Delete profile' }).click();
  await expect(page.getByRole('row', { name })).toHaveCount(0);

  await page.getByRole('button', { name: 'Reset practice tenant…' }).click();
  await expect(page.getByRole('dialog', { name: 'Reset the practice tenant' })).toBeVisible();
  await expectNoSeriousViolations(page, info, 'dialog: reset practice');
  await page.keyboard.press('Escape');
});

test('import screen with a file loaded, the mapping dialog and the paste dialog', async ({ page }, info) => {
  await openApp(page);
  await leaveFirstRun(page);
  await goTo(page, 'Import');
  await expectNoSeriousViolations(page, info, 'import, empty');

  // Drag and drop: a file dropped on the zone is read like a picked one.
  const dropped = await page.evaluateHandle((text) => {
    const g = globalThis as unknown as {
      DataTransfer: new () => { items: { add(file: unknown): void } };
      File: new (parts: string[], name: string, options: { type: string }) => unknown;
    };
    const transfer = new g.DataTransfer();
    transfer.items.add(new g.File([text], 'dropped.csv', { type: 'text/csv' }));
    return transfer;
  }, 'Serial,Model,CSC\nR58N31ABCDE,SM-G991B,BTU\n');
  await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer: dropped });
  await expect(page.getByRole('heading', { level: 2, name: 'dropped.csv' })).toBeVisible();
  await expect(page.getByTestId('import-totals')).toContainText('1 row read');

  // Ctrl+Shift+V opens the paste dialog (outside a text field).
  await page.getByRole('heading', { level: 1, name: 'Import' }).focus();
  await page.keyboard.press('Control+Shift+V');
  const paste = page.getByRole('dialog', { name: 'Paste a list' });
  await expect(paste).toBeVisible();
  await paste.getByLabel('Devices').fill('Serial\tModel\tCSC\nR58N31ABCDE\tSM-G991B\tBTU\nR58N31ABCDF\tSM-G991B\tBTU\nbad serial\tSM-G991B\tBTU');
  await expectNoSeriousViolations(page, info, 'dialog: paste a list');
  await paste.getByRole('button', { name: 'Check the list' }).click();
  await expect(page.getByTestId('import-totals')).toContainText('3 rows read');
  await expect(page.getByTestId('import-totals')).toContainText('1 rejected');

  // The mapping the journey chooses for this header (serial in column C), remembered by this test
  // itself: the file is read the same way whether the journey ran before or not.
  const fixture = 'test/e2e-web/fixtures/fleet-with-errors.csv';
  const header = (readFileSync(fixture, 'utf8').split('\n')[0] ?? '').split(',');
  await invokeInPage(page, 'import:saveMapping', { headerKey: headerSignature(header), columns: { serial: 2, model: 3, salesCode: 4, imei: null } });
  await page.getByTestId('file-input').setInputFiles(fixture);
  const mapping = page.getByRole('dialog', { name: 'Column mapping' });
  await expect(page.getByTestId('announcer')).toContainText('fleet-with-errors.csv: 10 rows read');
  await expect(page.getByText('The column mapping you chose for files with this header was used.')).toBeVisible();
  // The remembered mapping still leaves a column of this file to review, so the dialog asks.
  await expect(mapping).toBeVisible();
  await mapping.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('import-totals')).toContainText('10 rows read');
  await page.getByTestId('import-grid').click();
  await page.keyboard.press('F8');
  await expect(page.getByTestId('row-details')).toContainText('Row');
  await expectNoSeriousViolations(page, info, 'import, populated');
  await page.getByRole('button', { name: 'Column mapping…' }).click();
  await expect(mapping).toBeVisible();
  await expectNoSeriousViolations(page, info, 'dialog: column mapping');
  await page.keyboard.press('Escape');
  await expect(mapping).toHaveCount(0);
});

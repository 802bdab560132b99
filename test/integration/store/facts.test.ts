import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatAgo } from '../../../common/batch/time-text.ts';
import { firmwareKey, knownFirmwareLists, lastFirmwareList, lastLicenseInfo, recordFirmwareList, recordLicenseInfo } from '../../../main/store/facts.ts';
import { openSettings } from '../../../main/store/open-settings.ts';
import { addProfile, removeProfile } from '../../../main/store/profiles.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'fota-facts-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const T0 = Date.parse('2026-11-20T08:00:00Z');

describe('last known facts per profile', () => {
  it('keeps the latest licenceInfo and each firmware list with the time it was fetched', async () => {
    const file = openSettings(dir);
    await recordLicenseInfo(file, 'practice', { licenseStatus: 'Normal', remaining: 408, missing: undefined }, T0);
    await recordLicenseInfo(file, 'practice', { licenseStatus: 'Cancelled', remaining: 0 }, T0 + 60_000);
    await recordFirmwareList(file, 'practice', { model: 'sm-g991b', salesCode: 'btu' }, { items: [{ target: 'A' }] }, T0);
    await recordFirmwareList(file, 'practice', { model: 'SM-A536B', salesCode: 'XEU', currentFirmware: 'A536BXXU1' }, { items: [] }, T0 + 120_000);

    // a new process reads them back
    const settings = await openSettings(dir).load();
    const now = T0 + 3 * 3_600_000;
    expect(lastLicenseInfo(settings, 'practice', now)).toEqual({ fact: { at: '2026-11-20T08:01:00.000Z', value: { licenseStatus: 'Cancelled', remaining: 0 } }, ageMs: 3 * 3_600_000 - 60_000 });
    expect(lastFirmwareList(settings, 'practice', 'SM-G991B', 'BTU', now)?.fact).toEqual({ at: '2026-11-20T08:00:00.000Z', model: 'SM-G991B', salesCode: 'BTU', value: { items: [{ target: 'A' }] } });
    expect(knownFirmwareLists(settings, 'practice', now).map((f) => firmwareKey(f.fact.model, f.fact.salesCode))).toEqual(['SM-A536B/XEU', 'SM-G991B/BTU']);
    expect(lastLicenseInfo(settings, 'p-000000000000', now)).toBeNull();
    expect(formatAgo(3 * 3_600_000 - 60_000)).toBe('2 h 59 min ago');
    expect(formatAgo(5 * 86_400_000)).toBe('5 days ago');
  });

  it('drops a removed profile\'s facts with it', async () => {
    const file = openSettings(dir);
    const { profile } = await addProfile(file, { name: 'A', mdmId: 'M', customerId: 'C', license: 'L' }, { now: T0 });
    await recordLicenseInfo(file, profile.id, { licenseStatus: 'Normal' }, T0);
    await removeProfile(file, 'A');
    expect((await file.load()).facts).toEqual({});
  });
});

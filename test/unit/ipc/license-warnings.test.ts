import { describe, expect, it } from 'vitest';
import type { LicenseInfoView } from '../../../common/contract.ts';
import { daysLeft, licenseWarnings } from '../../../main/services/license-warnings.ts';

const NOW = Date.UTC(2026, 10, 22, 15, 0); // 2026-11-22 15:00 GMT
const info = (over: Partial<LicenseInfoView>): LicenseInfoView => ({
  activePeriod: '2026-01-01~2027-06-30',
  activeFrom: '2026-01-01',
  activeTo: '2027-06-30',
  status: 'Normal',
  type: 'SA',
  purchased: '700',
  remaining: '300',
  blocked: '0',
  ...over,
});
const kinds = (i: LicenseInfoView): string[] => licenseWarnings(i, NOW).map((w) => w.kind);

describe('licence warnings', () => {
  it('has nothing to say about a healthy licence', () => {
    expect(licenseWarnings(info({}), NOW)).toEqual([]);
    expect(licenseWarnings(null, NOW)).toEqual([]);
  });

  it('names each status other than Normal, as an error', () => {
    for (const [status, kind] of [['Not Active', 'not-active'], ['Cancelled', 'cancelled'], ['Terminated', 'terminated']] as const) {
      const warnings = licenseWarnings(info({ status }), NOW);
      expect(warnings[0]).toMatchObject({ kind, severity: 'error' });
    }
    expect(licenseWarnings(info({ status: 'Suspended' }), NOW)[0]).toMatchObject({ kind: 'unknown-status', severity: 'warning' });
  });

  it('warns within 30 days of the end, and says when it has passed', () => {
    const period = (to: string) => info({ activePeriod: `2026-01-01~${to}`, activeTo: to });
    expect(kinds(period('2026-12-22'))).toEqual(['expiring']); // 30 days left
    expect(kinds(period('2026-12-23'))).toEqual([]); // 31 days left
    expect(licenseWarnings(period('2026-11-22'), NOW)[0]?.message).toContain('today');
    expect(licenseWarnings(period('2026-11-21'), NOW)[0]).toMatchObject({ kind: 'expired', severity: 'error' });
    expect(daysLeft(period('2026-11-22'), NOW)).toBe(0);
    expect(daysLeft(period('2026-12-22'), NOW)).toBe(30);
    expect(daysLeft(info({ activePeriod: 'soon' }), NOW)).toBeNull();
  });

  it('warns about seats and blocked devices, and ignores N/A on an EE licence', () => {
    expect(kinds(info({ remaining: '0' }))).toEqual(['no-seats']);
    expect(kinds(info({ remaining: '20' }))).toEqual(['few-seats']);
    expect(kinds(info({ blocked: '6' }))).toEqual(['blocked']);
    expect(kinds(info({ type: 'EE', purchased: 'N/A', remaining: 'N/A' }))).toEqual([]);
    // Samsung's own sample says 770 remaining of 700: shown as sent, no warning invented.
    expect(kinds(info({ remaining: '770' }))).toEqual([]);
  });
});

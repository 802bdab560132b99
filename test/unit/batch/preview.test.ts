import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../common/clock.ts';
import { applyAbnormalCheck, takeBack } from '../../../common/batch/exclusions.ts';
import type { Batch } from '../../../common/batch/model.ts';
import { planBatch } from '../../../common/batch/plan.ts';
import { describeWindow, licenseExpiry, previewBatch, type AbnormalRun, type LicenseFacts } from '../../../common/batch/preview.ts';
import type { OpenPush, SendSummary } from '../../../common/batch/send-summary.ts';
import { STAMP, batch, dayAfter, devices, immediate, scheduled } from './batch-fixture.ts';

const NOW = Date.parse('2026-11-01T12:00:00Z');
const clock = new ManualClock(NOW);
const CET = (): number => 60;
const offline: AbnormalRun = { kind: 'skipped', reason: '--offline' };

const license = (over: Partial<LicenseFacts> = {}): LicenseFacts => ({
  licenseStatus: 'Normal', licenseType: 'SA', activePeriod: '2026-01-01~2027-06-30', purchasedQuantity: '700', remainingQuantity: '120',
  fetchedAt: '2026-11-01T09:00:00.000Z', ...over,
});

const window = { startDate: dayAfter(NOW, 3), endDate: dayAfter(NOW, 7), startHour: '22', endHour: '02' };
const mixed = (): Batch =>
  batch([...devices('SM-G991B', 'BTU', 150, 'A'), ...devices('SM-T830', 'XAR', 4, 'T')], [immediate('SM-G991B', 'BTU'), scheduled('SM-T830', 'XAR', 'WAREHOUSE-TABLETS', window)], {
    pilot: { kind: 'firstCallPerGroup' },
  });

const none = { calls: 0, devices: 0 };
function summary(b: Batch, held: readonly OpenPush[], included: readonly OpenPush[]): SendSummary {
  return { resumed: false, toSend: { calls: 1, devices: 1 }, scheduled: 0, pilotCalls: 0, resend: none, unknownWaiting: none, unknownLeft: none, alreadySent: 0, excluded: b.excluded.length, heldBack: held, includedOpen: included, nothingToSend: null };
}

function preview(b: Batch, over: { license?: LicenseFacts | null; run?: AbnormalRun; held?: readonly OpenPush[]; included?: readonly OpenPush[] } = {}) {
  return previewBatch({ batch: b, plan: planBatch(b), license: over.license === undefined ? license() : over.license, abnormalRun: over.run ?? offline, summary: summary(b, over.held ?? [], over.included ?? []), clock, utcOffset: CET });
}

const push = (serial: string, forceUpdateId: string, state: OpenPush['state'] = 'processing'): OpenPush => ({ serial, batchId: 'b-1', batchName: 'October', forceUpdateId, callId: 'SM-G991B/BTU#1', state, at: '2026-10-20T08:00:00.000Z' });

describe('previewBatch (the dry run)', () => {
  it('counts calls and devices and gives each group its target and scope', () => {
    const p = preview(mixed());
    expect(p.totals).toEqual({ calls: 3, forceUpdateCalls: 2, serverInitCalls: 1, pilotCalls: 1, devicesToSend: 150, imported: 154, excluded: 0 });
    const [phones, tablets] = p.groups;
    expect(phones).toMatchObject({ key: 'SM-G991B/BTU', mode: 'immediate', target: 'Latest', network: 'WIFIONLY', devices: 150, calls: 2, window: null });
    expect(tablets).toMatchObject({ key: 'SM-T830/XAR', mode: 'scheduled', groupId: 'WAREHOUSE-TABLETS', network: null, scope: 'all devices of group WAREHOUSE-TABLETS with model SM-T830 / carrier code XAR' });
    expect(tablets?.serialsForInformation).toHaveLength(4);
    expect(p.findings.find((f) => f.where === 'SM-T830/XAR' && f.element === 'groupId')?.message).toMatch(/not only to the 4 imported serials/);
  });

  it('shows a window in GMT and in local time, across midnight', () => {
    const w = describeWindow({ startDate: '20301201', endDate: '20301205', startHour: '22', endHour: '02' }, CET);
    expect(w).toMatchObject({
      startsAt: '2030-12-01T22:00:00.000Z',
      endsAt: '2030-12-06T02:00:00.000Z',
      gmt: '2030-12-01 to 2030-12-05, daily 22:00–02:00 GMT (each slot runs past midnight)',
      local: '2030-12-01 23:00 to 2030-12-06 03:00, daily 23:00–03:00 local time (GMT+01:00)',
    });
    expect(describeWindow({ startDate: '2030-12-01', endDate: '20301205', startHour: '01', endHour: '04' }, CET)).toBeNull();
  });

  it('reads the licence expiry and its age, and says when it ends inside a schedule window', () => {
    expect(licenseExpiry('2024-01-15~2025-01-14')).toEqual({ day: '2025-01-14', endsAt: Date.parse('2025-01-15T00:00:00Z') });
    expect(licenseExpiry('2024-01-15~2025-02-30')).toBeNull();
    const ok = preview(mixed());
    expect(ok.license).toMatchObject({ status: 'Normal', type: 'SA', expiresOn: '2027-06-30', ageMs: 3 * 3_600_000, expiresInsideWindowOf: [] });
    expect(ok.findings.filter((f) => f.where === 'licence')).toEqual([]);
    const inside = preview(mixed(), { license: license({ activePeriod: `2026-01-01~${dayAfter(NOW, 5).replace(/(\d{4})(\d{2})(\d{2})/, '$1-$2-$3')}` }) });
    expect(inside.license?.expiresInsideWindowOf).toEqual(['SM-T830/XAR']);
    expect(inside.findings.find((f) => f.where === 'licence' && /inside the delivery window of SM-T830\/XAR/.test(f.message))?.severity).toBe('warning');
    expect(inside.sendable).toBe(true);
  });

  it.each([
    ['expired', license({ activePeriod: '2025-01-01~2026-10-31' }), 'FUD_3017'],
    ['cancelled', license({ licenseStatus: 'Cancelled' }), 'FUD_3020'],
    ['terminated', license({ licenseStatus: 'Terminated' }), 'FUD_3021'],
    ['expiring before the window', license({ activePeriod: `2026-01-01~${dayAfter(NOW, 1).replace(/(\d{4})(\d{2})(\d{2})/, '$1-$2-$3')}` }), 'FUD_3017'],
  ])('makes a %s licence an error', (_name, facts, fud) => {
    const p = preview(mixed(), { license: facts });
    expect(p.findings.filter((f) => f.where === 'licence' && f.severity === 'error').map((f) => f.fud)).toContain(fud);
    expect(p.sendable).toBe(false);
  });

  it('warns when the licence is unknown or stale, and when the serials were never checked', () => {
    const unknown = preview(mixed(), { license: null });
    expect(unknown.license).toBeNull();
    expect(unknown.findings.find((f) => f.where === 'licence')?.message).toMatch(/No licence information/);
    const stale = preview(mixed(), { license: license({ fetchedAt: '2026-10-20T12:00:00.000Z' }) });
    expect(stale.findings.find((f) => f.where === 'licence')?.message).toMatch(/12 days old/);
    expect(unknown.abnormal).toMatchObject({ lastRanAt: null, run: offline });
    expect(unknown.findings.find((f) => f.where === 'abnormal')?.message).toMatch(/never been checked/);
    expect(unknown.sendable).toBe(true);
  });

  it('says when the abnormal check last ran, warns about a serial taken back, and names a device held back', () => {
    const checked = applyAbnormalCheck(mixed(), [{ serial: 'A0000001', category: 'Not Enrolled' }, { serial: 'A0000002', category: 'Blocked, Insufficient License' }], 154, '2026-11-01T11:00:00.000Z').batch;
    const back = takeBack(checked, ['A0000002'], STAMP).batch;
    const p = preview(back, { held: [push('A0000005', '10720261020-JEA00000001')], run: { kind: 'ran', newlyExcluded: 2, restored: 0 } });
    expect(p.abnormal).toMatchObject({ lastRanAt: '2026-11-01T11:00:00.000Z', ageMs: 3_600_000, checked: 154, reported: 2, keptByAdmin: [{ serial: 'A0000002', category: 'Blocked, Insufficient License' }] });
    expect(p.excluded.map((x) => x.serial)).toEqual(['A0000001']);
    expect(p.totals.devicesToSend).toBe(149);
    expect(p.findings.find((f) => f.value === 'A0000002')).toMatchObject({ severity: 'warning', fud: 'FUD_3031' });
    expect(p.summary.heldBack.map((u) => u.forceUpdateId)).toEqual(['10720261020-JEA00000001']);
    expect(p.findings.find((f) => f.value === 'A0000005')?.message).toMatch(/^Serial A0000005 is held back: its latest push, force update 10720261020-JEA00000001 of batch 'October' \(processing\) sent .*, is still open/);
    expect(p.findings.some((f) => /never been checked/.test(f.message))).toBe(false);
  });

  it('reports a failed check without failing the preview', () => {
    const p = preview(mixed(), { run: { kind: 'failed', message: 'connection refused' } });
    expect(p.findings.find((f) => f.where === 'abnormal' && /failed: connection refused/.test(f.message))?.severity).toBe('warning');
  });

  it('names held-back devices once per force update that holds them, counting only this batch\'s devices, and warns about devices included anyway', () => {
    const p = preview(mixed(), { held: [push('A0000001', 'FU-1'), push('A0000002', 'FU-1'), push('A0000003', 'FU-2', 'send-unknown')], included: [push('A0000004', 'FU-3', 'sent')] });
    const held = p.findings.filter((f) => /held back/.test(f.message)).map((f) => f.message.replace(/ sent .*/, ''));
    expect(held).toEqual(["2 devices of this batch (A0000001, A0000002) are held back: their latest push, force update FU-1 of batch 'October' (processing)", "Serial A0000003 is held back: its latest push, force update FU-2 of batch 'October' (answer lost: it may have reached Samsung)"]);
    expect(p.findings.find((f) => f.value === 'A0000004')?.message).toMatch(/^Serial A0000004 is included although its latest push, force update FU-3 of batch 'October' \(sent\) sent .*, is still open: it may be pushed twice\.$/);
    expect(p.findings.filter((f) => /held back|included although/.test(f.message)).every((f) => f.severity === 'warning')).toBe(true);
  });
});

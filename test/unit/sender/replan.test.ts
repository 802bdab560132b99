// Re-planning a call Samsung refused with FUD_3031, and the calls of a new send of a batch that
// was partly sent before.
import { describe, expect, it } from 'vitest';
import { planBatch, type PlannedCall } from '../../../common/batch/plan.ts';
import { JOURNAL_VERSION } from '../../../main/batches/journal-records.ts';
import { replay } from '../../../main/batches/journal-state.ts';
import { replanCall, ReplanError } from '../../../main/batches/send-culprits.ts';
import { newSendCalls } from '../../../main/batches/send-plan.ts';
import { batch, dayAfter, devices, immediate, scheduled } from '../batch/batch-fixture.ts';

const call = (serials: string[]): PlannedCall => ({ id: 'SM-G991B/BTU#3', operation: 'forceUpdate', groupKey: 'SM-G991B/BTU', model: 'SM-G991B', salesCode: 'BTU', target: 'Latest', network: 'ANY', serials, pilot: true });

describe('replanCall', () => {
  it('leaves the culprits out (matching serials in any case), as one new call', () => {
    const plan = replanCall(call(['A1', 'A2', 'A3', 'A4']), [{ serial: 'a2', category: 'Not Enrolled' }, { serial: 'A4', category: 'Blocked' }]);
    expect(plan).toEqual({ mode: 'without', removed: ['A2', 'A4'], calls: [{ ...call(['A1', 'A3']), id: 'SM-G991B/BTU#3.r', pilot: false }] });
  });
  it('makes no call when every device is a culprit', () => {
    expect(replanCall(call(['A1']), [{ serial: 'A1', category: 'Not Enrolled' }]).calls).toEqual([]);
  });
  it('sends in halves when abnormalDeviceList names none', () => {
    const plan = replanCall(call(['A1', 'A2', 'A3', 'A4', 'A5']), []);
    expect(plan.mode).toBe('halves');
    expect(plan.calls.map((c) => [c.id, c.serials])).toEqual([['SM-G991B/BTU#3.1', ['A1', 'A2', 'A3']], ['SM-G991B/BTU#3.2', ['A4', 'A5']]]);
  });
  it('cannot halve a single device, nor re-plan a serverInit', () => {
    expect(() => replanCall(call(['A1']), [])).toThrow(ReplanError);
    expect(() => replanCall({ ...call([]), operation: 'serverInit' }, [])).toThrow(ReplanError);
  });
});

describe('newSendCalls', () => {
  const AT = '2026-11-22T09:00:00.000Z';
  const window = { startDate: dayAfter(Date.now(), 3), endDate: dayAfter(Date.now(), 6), startHour: '01', endHour: '05' };
  const b = batch([...devices('SM-G991B', 'BTU', 250), ...devices('SM-T830', 'XAR', 3, 'T')], [immediate('SM-G991B', 'BTU'), scheduled('SM-T830', 'XAR', 'TABLETS', window)], { pilot: { kind: 'devices', count: 10 } });
  const plan = planBatch(b);
  const earlier = (states: Record<string, 'accepted' | 'rejected' | 'unknown' | 'cancelled'>) =>
    replay([
      { t: 'start', v: JOURNAL_VERSION, sendId: '20261122T090000000Z-aaaaaaaa', batchId: b.id, batchName: b.name, customerId: b.customerId, batchEdited: AT, profile: 'p', at: AT, by: { user: 'u', host: 'h' }, pilotCalls: plan.pilotCalls, calls: plan.calls },
      ...Object.entries(states).map(([id, state]) =>
        state === 'accepted' ? { t: 'call' as const, id, state, forceUpdateId: state === 'accepted' ? 'FU' : null, at: AT }
        : state === 'rejected' ? { t: 'call' as const, id, state, code: 'FUD_3017', local: false, message: '', at: AT }
        : state === 'unknown' ? { t: 'call' as const, id, state, reason: 'reset', at: AT }
        : { t: 'call' as const, id, state, at: AT }),
    ]);

  it('the first send is the plan, pilot included', () => {
    expect(newSendCalls(b, [])).toEqual({ calls: plan.calls, pilotCalls: 1, alreadySent: 0 });
  });

  it('leaves out devices an earlier send pushed or may have pushed, and the schedule it set; sends again what was rejected or cancelled', () => {
    const ids = plan.calls.map((c) => c.id);
    expect(ids).toEqual(['SM-G991B/BTU#1', 'SM-G991B/BTU#2', 'SM-G991B/BTU#3', 'SM-G991B/BTU#4', 'SM-T830/XAR#1']);
    const before = earlier({ 'SM-G991B/BTU#1': 'accepted', 'SM-G991B/BTU#2': 'unknown', 'SM-G991B/BTU#3': 'rejected', 'SM-G991B/BTU#4': 'cancelled', 'SM-T830/XAR#1': 'accepted' });
    const next = newSendCalls(b, [before]);
    const sent = new Set([...(plan.calls[0]?.serials ?? []), ...(plan.calls[1]?.serials ?? [])]);
    expect(next.alreadySent).toBe(sent.size);
    expect(next.calls.every((c) => c.operation === 'forceUpdate' && c.serials.every((s) => !sent.has(s)))).toBe(true);
    expect(next.calls.flatMap((c) => c.serials)).toHaveLength(250 - sent.size);
    // something was accepted already: no second pilot pause
    expect(next.pilotCalls).toBe(0);
  });
});

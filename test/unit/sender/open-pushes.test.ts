// The rules of "is this device's latest push open?" and of the one send summary: pure, against hand
// made rows and plans.
import { describe, expect, it } from 'vitest';
import { planBatch } from '../../../common/batch/plan.ts';
import { nothingToSendReason, summaryLine, type OpenPush } from '../../../common/batch/send-summary.ts';
import { JOURNAL_VERSION, type StartRecord } from '../../../main/batches/journal-records.ts';
import { applyRecord, initialState, type CallStatus } from '../../../main/batches/journal-state.ts';
import { openPushesOf, pushState } from '../../../main/batches/open-pushes.ts';
import type { DeviceRow } from '../../../main/batches/results.ts';
import { holdBack, newSendCandidates, pendingStatuses, summariseSend } from '../../../main/batches/send-plan.ts';
import { batch, dayAfter, devices, immediate, scheduled } from '../batch/batch-fixture.ts';

const NOW = Date.parse('2030-06-10T12:00:00Z');

function row(over: Partial<DeviceRow>): DeviceRow {
  return {
    serial: 'A1', model: 'SM-G991B', salesCode: 'BTU', state: 'sent', reason: null, batchId: 'b-1', batchName: 'June', customerId: 'C', practice: false,
    forceUpdateId: 'FU-1', callId: 'SM-G991B/BTU#1', sendId: 's-1', target: 'Latest', sentAt: '2030-06-01T12:00:00.000Z', expiresAt: '2030-09-01T12:00:00.000Z',
    asOf: null, tracking: 'open', at: '2030-06-01T12:00:00.000Z', ...over,
  };
}

describe('the latest push of a device', () => {
  it('is open while sent, processing or unknown (on the device or on the wire); never for failed or downloaded', () => {
    expect(['sent', 'processing', 'unknown'].map((state) => pushState(row({ state: state as DeviceRow['state'] }), NOW))).toEqual(['sent', 'processing', 'unknown']);
    expect(pushState(row({ state: 'send-unknown', forceUpdateId: null }), NOW)).toBe('send-unknown');
    expect(pushState(row({ state: 'failed' }), NOW)).toBe('closed');
    expect(pushState(row({ state: 'downloaded' }), NOW)).toBe('closed');
    // An id Samsung has forgotten (3 months) is no push in progress any more.
    expect(pushState(row({ state: 'processing', tracking: 'expired' }), NOW)).toBe('closed');
    expect(pushState(row({ state: 'no-id', forceUpdateId: null }), NOW)).toBe('no-id');
    expect(pushState(row({ state: 'no-id', forceUpdateId: null, at: '2030-01-01T00:00:00.000Z' }), NOW)).toBe('closed');
    // Calls that pushed nothing are no push at all.
    for (const state of ['rejected', 'not-sent', 'scheduled', 'excluded', 'held-back'] as const) expect(pushState(row({ state }), NOW)).toBeNull();
  });

  it('is the newest push: a failed retry after an open push closes it; an open push after a failure opens it; a rejection changes nothing', () => {
    const wanted = new Set(['A1']);
    const open = row({ state: 'processing' });
    const failedLater = row({ state: 'failed', forceUpdateId: 'FU-2', batchId: 'b-2', sentAt: '2030-06-05T12:00:00.000Z', at: '2030-06-05T12:00:00.000Z' });
    expect(openPushesOf([open, failedLater], wanted, NOW, null).size).toBe(0);
    const failedBefore = row({ state: 'failed', sentAt: '2030-05-01T12:00:00.000Z', at: '2030-05-01T12:00:00.000Z' });
    expect(openPushesOf([failedBefore, open], wanted, NOW, null).get('A1')).toMatchObject({ forceUpdateId: 'FU-1', state: 'processing', at: '2030-06-01T12:00:00.000Z' });
    const rejectedLater = row({ state: 'rejected', forceUpdateId: null, sentAt: null, at: '2030-06-08T12:00:00.000Z' });
    expect(openPushesOf([open, rejectedLater], wanted, NOW, null).get('A1')?.state).toBe('processing');
    // The send being continued does not hold back its own devices.
    expect(openPushesOf([open], wanted, NOW, 's-1').size).toBe(0);
    // On a tie the first source (the history, refreshed) wins over a salvaged copy of the same push.
    expect(openPushesOf([row({ state: 'downloaded' }), row({ state: 'sent' })], wanted, NOW, null).size).toBe(0);
  });
});

const stuck = (serial: string, forceUpdateId: string): OpenPush => ({ serial, batchId: 'b-0', batchName: 'May', forceUpdateId, callId: 'SM-G991B/BTU#1', state: 'processing', at: '2030-05-01T00:00:00.000Z' });

describe('holding back and the summary', () => {
  const b = batch([...devices('SM-G991B', 'BTU', 150, 'A'), ...devices('SM-T830', 'XAR', 4, 'T')], [immediate('SM-G991B', 'BTU'), scheduled('SM-T830', 'XAR', 'TABLETS', { startDate: dayAfter(NOW, 3), endDate: dayAfter(NOW, 6), startHour: '01', endHour: '04' })]);
  const lookup = { openPushes: (serials: readonly string[]) => new Map(serials.filter((s) => ['A0000001', 'A0000002', 'T0000000'].includes(s)).map((s) => [s, stuck(s, 'FU-9')] as const)) };

  it('looks only at devices pushed by serial (a scheduled group reaches its devices through Samsung) and includes only what is asked', () => {
    const candidates = newSendCandidates(b, []).serials;
    expect(candidates).toHaveLength(150);
    expect(holdBack(candidates, lookup, { all: false, serials: [] }).heldBack.map((p) => p.serial)).toEqual(['A0000001', 'A0000002']);
    expect(holdBack(candidates, lookup, { all: false, serials: ['A0000002'] })).toMatchObject({ heldBack: [{ serial: 'A0000001' }], includedOpen: [{ serial: 'A0000002' }] });
    expect(holdBack(candidates, lookup, { all: true, serials: [] }).includedOpen).toHaveLength(2);
  });

  it('counts what a send makes and says exactly why nothing is sent — never "already pushed" when nothing was', () => {
    const calls = pendingStatuses(planBatch(b).calls);
    const none = { resumed: false, cancelled: false, resend: [], pilotCalls: 0, pilotContinued: true, alreadySent: 0, excluded: 0, includedOpen: [] };
    const s = summariseSend({ ...none, calls, heldBack: [stuck('A0000001', 'FU-9')] });
    expect(s).toMatchObject({ toSend: { calls: 3, devices: 149 }, scheduled: 1, nothingToSend: null });
    expect(summaryLine(s)).toBe('3 calls (149 devices) to send; of which 1 scheduled push; 1 device held back (open force updates)');
    const nothing = summariseSend({ ...none, calls: [], excluded: 2, heldBack: [stuck('A0000001', 'FU-9')] });
    expect(nothing.nothingToSend).toBe('Nothing to send: 1 device held back because their latest force update is still open; 2 devices excluded.');
    expect(nothingToSendReason({ ...nothing, heldBack: [], excluded: 0 })).toBe('Nothing to send: the batch has no device and no scheduled group to send.');
    expect(summariseSend({ ...none, calls: [], alreadySent: 5, heldBack: [] }).nothingToSend).toBe('Nothing to send: 5 devices already pushed by an earlier send of this batch.');
  });
});

describe('the hold record of a continued send', () => {
  it('takes held-back devices out of a call not yet sent; a call left with none is cancelled, not sent', () => {
    const start: StartRecord = {
      t: 'start', v: JOURNAL_VERSION, sendId: 's-1', batchId: 'b-1', batchName: 'June', customerId: 'C', batchEdited: '2030-06-01T00:00:00.000Z', profile: 'p', at: '2030-06-01T00:00:00.000Z', by: { user: 'u', host: 'h' }, pilotCalls: 0,
      calls: [
        { id: 'M/S#1', operation: 'forceUpdate', groupKey: 'M/S', model: 'M', salesCode: 'S', target: 'Latest', network: 'ANY', serials: ['A1', 'A2'], pilot: false },
        { id: 'M/S#2', operation: 'forceUpdate', groupKey: 'M/S', model: 'M', salesCode: 'S', target: 'Latest', network: 'ANY', serials: ['A3'], pilot: false },
      ],
    };
    const state = initialState(start);
    applyRecord(state, { t: 'hold', id: 'M/S#1', serials: ['A2'], at: '2030-06-02T00:00:00.000Z', by: { user: 'u', host: 'h' } });
    applyRecord(state, { t: 'hold', id: 'M/S#2', serials: ['A3'], at: '2030-06-02T00:00:00.000Z', by: { user: 'u', host: 'h' } });
    expect((state.calls.get('M/S#1') as CallStatus)).toMatchObject({ state: 'pending', call: { serials: ['A1'] } });
    expect((state.calls.get('M/S#2') as CallStatus)).toMatchObject({ state: 'cancelled', message: expect.stringMatching(/held back/) as unknown });
    expect(() => applyRecord(state, { t: 'hold', id: 'M/S#2', serials: ['A3'], at: '2030-06-02T00:00:00.000Z', by: { user: 'u', host: 'h' } })).toThrow(/not pending/);
  });
});

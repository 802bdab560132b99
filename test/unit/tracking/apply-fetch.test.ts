// Applying an answer to a tracked id (pure): whatever Samsung sends — long or odd texts, failures,
// FUD_3038 — the result is a history that stores and reads back.
import { describe, expect, it } from 'vitest';
import { applyFetch, expireByDate } from '../../../main/batches/refresh.ts';
import { newTrackedUpdate } from '../../../main/batches/track.ts';
import { FudError, TransportError } from '../../../main/efota/errors.ts';
import { explainFud } from '../../../main/efota/fud.ts';
import { emptyHistory } from '../../../main/store/history/history-model.ts';
import { parseBatchHistory } from '../../../main/store/history/history-parse.ts';

const T0 = Date.UTC(2030, 5, 1, 12);
const u = newTrackedUpdate({ forceUpdateId: 'F-1', sendId: null, callId: 'SM-G991B/BTU#1', model: 'SM-G991B', salesCode: 'BTU', target: 'Latest', network: 'ANY', serials: ['A1', 'B2'], sentAt: new Date(T0).toISOString() });

function storable(update: typeof u): boolean {
  const h = { ...emptyHistory({ batchId: 'b-1', batchName: 'b', customerId: 'C', profile: 'p', practice: false }), updates: [update] };
  const parsed = parseBatchHistory(JSON.parse(JSON.stringify(h)));
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return true;
}

const summary = (target: string, processing: number, success: number, failed: number) => ({
  targetFirmwareVersion: target, processingCount: processing, successCount: success, failedCount: failed,
  text: { processingCount: String(processing), successCount: String(success), failedCount: String(failed) },
});

describe('applying an answer', () => {
  it('stores hostile texts safely: control characters dropped, long texts cut', () => {
    const reason = `bad\u0001reason ${'x'.repeat(5000)}`;
    const raw = `<B2bForceUpdateDetailVO><failedDeviceList><deviceItem><serialNumber>B2</serialNumber><failReason>${reason}</failReason></deviceItem></failedDeviceList></B2bForceUpdateDetailVO>`;
    const next = applyFetch(u, { ok: true, summary: summary(`T\u0002${'Y'.repeat(400)}`, 0, 1, 1), detail: { root: 'B2bForceUpdateDetailVO', lists: {}, scalars: {}, raw, understood: true, note: '', devices: [] } }, T0 + 1000);
    expect(next.devices.map((d) => d.state)).toEqual(['downloaded', 'failed']);
    expect(next.devices[1]?.reason).toMatch(/^badreason x+…$/);
    expect(next.devices[1]?.reason?.length).toBeLessThanOrEqual(1001);
    expect(next.summary?.target?.startsWith('TY')).toBe(true);
    expect(next.status).toBe('final');
    expect(next.detail?.raw).toBe(raw);
    expect(storable(next)).toBe(true);
  });

  it('a failed refresh keeps the states and records the attempt; FUD_3038 closes tracking', () => {
    const transport = applyFetch(u, { ok: false, error: new TransportError({ operation: 'forceUpdateSummary', kind: 'timeout', mayHaveReachedServer: false, message: 'timed out after 60 s' }) }, T0);
    expect(transport.status).toBe('open');
    expect(transport.devices).toEqual(u.devices);
    expect(transport.lastAttempt).toMatchObject({ ok: false, code: 'transport' });
    expect(storable(transport)).toBe(true);
    const gone = applyFetch(u, { ok: false, error: new FudError({ operation: 'forceUpdateSummary', explanation: explainFud('FUD_3038'), httpStatus: 400, local: false }) }, T0);
    expect(gone.status).toBe('expired');
    expect(gone.closedReason).toMatch(/FUD_3038 on .*\(never refreshed\)/);
    expect(expireByDate(u).closedReason).toMatch(/^expired on 2030-09-01T12:00:00.000Z/);
  });
});

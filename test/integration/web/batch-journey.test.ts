// The batch screens' whole path through the handler table and the real services, against the
// practice simulator: build a batch from imported devices → dry run (an abnormal serial excluded)
// → send with latency, pause and resume → history → per-device results after the simulator's clock
// moved → search, export, retry; then an unknown call and a FUD_3031 re-plan.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BatchCreatedView,
  BatchView,
  ContractError,
  CsvFileView,
  DeviceInput,
  EventChannel,
  HistoryDetailView,
  HistoryListView,
  PreviewView,
  RefreshResultView,
  SendView,
  SerialLookupView,
} from '../../../common/contract.ts';
import { MemorySecretStore } from '../../../main/auth/memory-secret-store.ts';
import { createHandlers, dispatch, type HandlerTable } from '../../../main/ipc/handlers.ts';
import type { AppServices } from '../../../main/services/app-services.ts';
import { composeServices } from '../../../main/services/compose.ts';
import type { DesktopIntegration } from '../../../main/services/desktop-integration.ts';

let dataDir: string;
let services: AppServices;
let table: HandlerTable;
const events: { channel: EventChannel; payload: unknown }[] = [];
const notified: unknown[] = [];

beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'fota-batch-journey-'));
  const desktop: DesktopIntegration = { notifySendFinished: (outcome) => notified.push(outcome) };
  services = composeServices({ dataDir, env: { FOTA_DESK_TEST_CONTROLS: '1' }, transport: 'web', version: 'test', isPackaged: false, secrets: new MemorySecretStore(), desktop, backgroundRefresh: false });
  services.events.subscribe((e) => events.push(e));
  table = createHandlers(services);
});
afterAll(async () => {
  await services.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function ok<T>(channel: string, payload: unknown = null): Promise<T> {
  const result = await dispatch(table, channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.data as T;
}

async function failed(channel: string, payload: unknown): Promise<ContractError> {
  const result = await dispatch(table, channel, payload);
  if (result.ok) throw new Error(`${channel} succeeded, but should have failed`);
  return result.error;
}

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const dev = (serial: string, model: string, row: number): DeviceInput => ({ serial, model, salesCode: 'BTU', imei: null, row });
const phones = Array.from({ length: 12 }, (_, i) => dev(`R58N1SP${String(i + 1).padStart(4, '0')}`, 'SM-G991B', i + 2));
const midrange = Array.from({ length: 6 }, (_, i) => dev(`R58T1SP${String(i + 1).padStart(4, '0')}`, 'SM-A536B', i + 20));
const abnormal = dev('R58N1NE0001', 'SM-G991B', 30);
const SHA = 'a'.repeat(64);

let batch: BatchView;

describe('building a batch', () => {
  it('refuses devices Samsung would refuse, naming the row', async () => {
    const error = await failed('batches:create', { name: 'Bad', notes: '', target: 'Latest', network: 'WIFIONLY', sources: [{ fileName: 'x.csv', sha256: SHA, devices: [dev('R58N-1SP0001', 'SM-G991B', 7)] }] });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('row 7');
    expect((await failed('batches:create', { name: 'Bad', notes: '', target: 'Latest', network: 'WIFIONLY', sources: [{ fileName: 'x.csv', sha256: 'XYZ', devices: [phones[0]] }] })).code).toBe('INVALID_INPUT');
    expect((await failed('batches:create', { name: 'Bad', notes: '', target: 'Latest', network: 'WIFIONLY', sources: [] })).message).toMatch(/no valid device/);
  });

  it('makes one group per model and sales code, each with a target and a scope in words', async () => {
    const created = await ok<BatchCreatedView>('batches:create', {
      name: 'Q4 phones',
      notes: 'from the MDM export',
      target: 'latest',
      network: 'WIFIONLY',
      sources: [{ fileName: 'fleet.csv', sha256: SHA, devices: [...phones, abnormal, ...midrange, phones[0]] }],
    });
    batch = created.batch;
    expect(created.repeated).toBe(1);
    expect(batch.groups.map((g) => [g.key, g.devices, g.target])).toEqual([
      ['SM-G991B/BTU', 13, 'Latest'],
      ['SM-A536B/BTU', 6, 'Latest'],
    ]);
    expect(batch.groups[0]?.scope).toBe('13 listed devices of model SM-G991B / sales code BTU');
    expect(batch.sources[0]).toMatchObject({ fileName: 'fleet.csv', sha256: SHA, devices: 19 });
    expect(events.some((e) => e.channel === 'batches:changed')).toBe(true);
    const list = await ok<{ batches: { id: string; sendState: string; activeTenant: boolean }[] }>('batches:list');
    expect(list.batches[0]).toMatchObject({ id: batch.id, sendState: 'draft', activeTenant: true });
  });

  it('explains a typed target for another model, and a broken window before sending', async () => {
    const typed = await ok<BatchView>('batches:setGroup', { id: batch.id, group: { key: 'SM-A536B/BTU', target: 'G991BXXU5CVD1/G991BOXM5CVD1/G991BXXU5CVD1', network: 'ANY', schedule: null } });
    expect(typed.groups[1]).toMatchObject({ targetSource: 'typed', network: 'ANY' });
    expect(typed.findings.find((f) => f.where === 'SM-A536B/BTU' && f.severity === 'warning')?.message).toMatch(/does not start with A536B/);
    const start = new Date(Date.now() + 3 * 86_400_000);
    const ymd = (d: Date) => d.toISOString().slice(0, 10).replace(/-/g, '');
    const scheduled = await ok<BatchView>('batches:setGroup', {
      id: batch.id,
      group: { key: 'SM-A536B/BTU', target: 'Latest', network: 'ANY', schedule: { groupId: 'sales-phones', window: { startDate: ymd(start), endDate: ymd(new Date(start.getTime() + 10 * 86_400_000)), startHour: '01', endHour: '04' } } },
    });
    expect(scheduled.groups[1]?.scope).toBe('all devices of group SALES-PHONES with model SM-A536B / carrier code BTU');
    const broken = scheduled.findings.find((f) => f.where === 'SM-A536B/BTU' && f.severity === 'error');
    expect(broken?.fud).toBe('FUD_3002');
    const preview = await ok<PreviewView>('batches:preview', { id: batch.id, online: false });
    expect(preview.preview.sendable).toBe(false);
    expect(preview.preview.groups[1]?.window?.gmt).toMatch(/GMT/);
    // Back to an immediate group with the latest firmware.
    await ok<BatchView>('batches:setGroup', { id: batch.id, group: { key: 'SM-A536B/BTU', target: 'Latest', network: 'WIFIONLY', schedule: null } });
    expect((await failed('batches:setGroup', { id: batch.id, group: { key: 'SM-X999/ZZZ', target: 'Latest', network: 'ANY', schedule: null } })).code).toBe('NOT_FOUND');
    expect((await failed('batches:setGroup', { id: batch.id, group: { key: 'SM-A536B/BTU', target: 'Latest', network: 'LTE', schedule: null } })).code).toBe('INVALID_INPUT');
  });

  it('offers the firmware list: fetched once, then cached', async () => {
    const fresh = await ok<{ items: { version: string }[]; fetchedAt: string | null }>('batches:firmware', { model: 'sm-g991b', salesCode: 'btu', refresh: true });
    expect(fresh.items[0]?.version).toBe('G991BXXSAFXH1/G991BOXMAFXH1/G991BXXSAFXH1');
    const cached = await ok<{ fetchedAt: string | null }>('batches:firmware', { model: 'SM-G991B', salesCode: 'BTU', refresh: false });
    expect(cached.fetchedAt).toBe(fresh.fetchedAt);
  });

  it('the online dry run moves the abnormal serial to Excluded; it can be taken back and left out again', async () => {
    const run = await ok<PreviewView>('batches:preview', { id: batch.id, online: true });
    expect(run.newlyExcluded).toBe(1);
    expect(run.batch.excluded.map((x) => [x.serial, x.reason])).toEqual([['R58N1NE0001', 'Not Enrolled']]);
    expect(run.preview.totals).toMatchObject({ devicesToSend: 18, excluded: 1, forceUpdateCalls: 2 });
    expect(run.preview.sendable).toBe(true);
    const back = await ok<BatchView>('batches:takeBack', { id: batch.id, serials: ['r58n1ne0001'] });
    expect(back.excludedTotal).toBe(0);
    const out = await ok<BatchView>('batches:exclude', { id: batch.id, serials: ['R58N1NE0001'], reason: 'not enrolled' });
    expect(out.excluded[0]).toMatchObject({ serial: 'R58N1NE0001', by: 'admin' });
  });

  it('exports a .fotabatch and imports it back (the same batch: nothing changes)', async () => {
    const file = await ok<{ fileName: string; text: string; sha256: string }>('batches:export', { id: batch.id });
    expect(file.fileName).toBe('PRACTICE-Q4 phones.fotabatch');
    const again = await ok<{ alreadyPresent: boolean; prepared: { by: { user: string } } }>('batches:import', { fileName: file.fileName, text: file.text });
    expect(again.alreadyPresent).toBe(true);
    const damaged = await failed('batches:import', { fileName: file.fileName, text: file.text.replace('Q4 phones', 'Q5 phones') });
    expect(damaged.message).toMatch(/SHA-256/);
  });
});

describe('sending it', () => {
  let view: SendView;

  it('opens with the tenant named, Latest resolved, and no count to type for practice', async () => {
    view = await ok<SendView>('send:open', { batchId: batch.id });
    expect(view.stage).toBe('confirm');
    expect(view.tenant).toMatchObject({ profileId: 'practice', practice: true, licenseSuffix: '…hh77' });
    expect(view.devicesToSend).toBe(18);
    expect(view.typeToConfirm).toBeNull();
    expect(view.checks?.latest.map((l) => l.groupKey).sort()).toEqual(['SM-A536B/BTU', 'SM-G991B/BTU']);
    expect(view.checks?.sendable).toBe(true);
    expect((await failed('batches:setDetails', { id: batch.id, details: { name: 'x', notes: '', pilot: null } })).code).toBe('NOT_ALLOWED');
  });

  it('runs with latency, pauses after the call in flight, resumes and finishes', async () => {
    await ok('practice:testControls', { latencyMs: 400, advanceMinutes: null, forceUpdateFaults: null });
    await ok('preferences:update', { concurrency: 1 });
    const started = await ok<SendView>('send:start', { batchId: batch.id, pinLatest: true, typedCount: null });
    expect(started.stage).toBe('running');
    await ok('send:pause', { batchId: batch.id });
    const paused = await until('the pause', () => ok<SendView>('send:get', { batchId: batch.id }), (v) => v.phase === 'paused');
    expect(paused.counts.accepted).toBeLessThan(2);
    await ok('send:resume', { batchId: batch.id });
    const finished = await until('the end of the send', () => ok<SendView | null>('send:get', { batchId: batch.id }), (v) => v === null || v.stage !== 'running');
    expect(finished === null || finished.done).toBe(true);
    expect(events.some((e) => e.channel === 'send:progress')).toBe(true);
    const toast = events.find((e) => e.channel === 'send:finished')?.payload as { title: string; body: string };
    expect(toast.title).toBe('Batch “Q4 phones” finished');
    expect(notified).toHaveLength(1);
    await ok('practice:testControls', { latencyMs: 0, advanceMinutes: null, forceUpdateFaults: null });
  });
});

describe('following it', () => {
  it('lists the batch with its forceUpdateIds and their expiry', async () => {
    const list = await ok<HistoryListView>('history:list');
    const h = list.batches.find((b) => b.batchId === batch.id);
    expect(h?.updates).toHaveLength(2);
    expect(h?.counts).toMatchObject({ processing: 18, downloaded: 0 });
    expect(Date.parse(h?.updates[0]?.expiresAt ?? '') - Date.parse(h?.updates[0]?.sentAt ?? '')).toBeGreaterThan(88 * 86_400_000);
  });

  it('shows per-device results with Samsung’s reasons once the simulator’s clock moved on', async () => {
    await ok('practice:testControls', { latencyMs: null, advanceMinutes: 240, forceUpdateFaults: null });
    const refreshed = await ok<RefreshResultView>('history:refresh', { batchId: batch.id });
    expect(refreshed.error).toBeNull();
    expect(refreshed.refreshed).toBe(2);
    const detail = await ok<HistoryDetailView>('history:get', { batchId: batch.id });
    expect(detail.rows).toHaveLength(18);
    expect(detail.batch.counts.processing).toBe(0);
    expect(detail.batch.counts.downloaded + detail.batch.counts.failed).toBe(18);
    for (const row of detail.rows.filter((r) => r.state === 'failed')) expect(row.reason).toBeTruthy();
  });

  it('finds a serial across all history, exports CSV and makes a retry draft', async () => {
    const found = await ok<SerialLookupView>('history:search', { serial: ' r58n1sp0003 ' });
    expect(found.serial).toBe('R58N1SP0003');
    expect(found.rows[0]).toMatchObject({ batchName: 'Q4 phones', model: 'SM-G991B' });
    const csv = await ok<CsvFileView>('history:export', { batchId: batch.id });
    expect(csv.fileName).toBe('PRACTICE-Q4 phones results.csv');
    expect(csv.text.split('\n')[1]).toMatch(/^Serial Number,Model,Sales Code/);
    const detail = await ok<HistoryDetailView>('history:get', { batchId: batch.id });
    const failedCount = detail.rows.filter((r) => r.state === 'failed').length;
    if (failedCount > 0) {
      const retry = await ok<BatchView>('history:retry', { batchId: batch.id, from: 'failed', days: 7, name: 'Q4 phones — retry' });
      expect(retry.devices).toBe(failedCount);
    } else {
      expect((await failed('history:retry', { batchId: batch.id, from: 'failed', days: 7, name: 'Q4 phones — retry' })).code).toBe('NOT_FOUND');
    }
    const diagnostics = (await ok<{ text: string }>('diagnostics:get')).text;
    expect(diagnostics).toContain('FOTA Desk diagnostics');
    // the active profile, with the serverInit sales-code element its server reads (none sent here yet)
    expect(diagnostics).toMatch(/\nProfile: .+\n {2}serverInit sales code: serverInit sales-code element not known yet/);
  });
});

describe('decisions during a send', () => {
  it('an unknown call waits for an explicit re-send; a FUD_3031 call is re-planned without its culprit', async () => {
    const created = await ok<BatchCreatedView>('batches:create', {
      name: 'Decisions',
      notes: '',
      target: 'Latest',
      network: 'ANY',
      sources: [{ fileName: 'more.csv', sha256: SHA, devices: [dev('R58N1SP0050', 'SM-G991B', 2), dev('R58N1NE0002', 'SM-G991B', 3), dev('R58T1SP0020', 'SM-A536B', 4)] }],
    });
    const id = created.batch.id;
    await ok('send:open', { batchId: id });
    // The first call is refused for the device that is not enrolled; Samsung's answer to the second is lost after it committed.
    await ok('practice:testControls', { latencyMs: null, advanceMinutes: null, forceUpdateFaults: ['none', 'server-error-after-commit'] });
    await ok('send:start', { batchId: id, pinLatest: false, typedCount: null });
    const stopped = await until('the run', () => ok<SendView>('send:get', { batchId: id }), (v) => v.stage === 'idle');
    expect(stopped.done).toBe(false);
    const rejected = stopped.calls.find((c) => c.state === 'rejected');
    expect(rejected).toMatchObject({ id: 'SM-G991B/BTU#1', code: 'FUD_3031', culprits: [{ serial: 'R58N1NE0002', category: 'Not Enrolled' }] });
    const unknown = stopped.calls.find((c) => c.state === 'unknown');
    expect(unknown?.id).toBe('SM-A536B/BTU#1');
    expect(stopped.counts.unknown).toBe(1);
    expect((await failed('send:resend', { batchId: id, callIds: ['SM-G991B/BTU#1'] })).code).toBe('NOT_ALLOWED');
    await ok('send:resend', { batchId: id, callIds: ['SM-A536B/BTU#1'] });
    const resent = await until('the re-send', () => ok<SendView>('send:get', { batchId: id }), (v) => v.stage === 'idle');
    expect(resent.calls.find((c) => c.id === 'SM-A536B/BTU#1')?.state).toBe('accepted');
    await ok('send:replan', { batchId: id, callId: 'SM-G991B/BTU#1' });
    const end = await until('the re-planned call', () => ok<SendView | null>('send:get', { batchId: id }), (v) => v === null || v.stage !== 'running');
    expect(end === null || end.done).toBe(true);
    const after = await ok<BatchView>('batches:get', { id });
    expect(after.excluded.map((x) => x.serial)).toEqual(['R58N1NE0002']);
  });

  it('pauses after the pilot until continued, and cancels the rest without touching accepted calls', async () => {
    const serials = [1, 2, 3].map((n) => dev(`R58N1SP${String(60 + n).padStart(4, '0')}`, 'SM-G991B', n + 1));
    const others = [1, 2].map((n) => dev(`R58T1SP${String(24 + n).padStart(4, '0')}`, 'SM-A536B', n + 10));
    const pilot = await ok<BatchCreatedView>('batches:create', { name: 'Pilot', notes: '', target: 'Latest', network: 'ANY', sources: [{ fileName: 'p.csv', sha256: SHA, devices: [...serials, ...others] }] });
    await ok('batches:setDetails', { id: pilot.batch.id, details: { name: 'Pilot', notes: 'two first', pilot: { kind: 'devices', count: 2 } } });
    const opened = await ok<SendView>('send:open', { batchId: pilot.batch.id });
    expect(opened.pilotCalls).toBe(1);
    await ok('send:start', { batchId: pilot.batch.id, pinLatest: false, typedCount: null });
    const paused = await until('the pilot pause', () => ok<SendView>('send:get', { batchId: pilot.batch.id }), (v) => v.phase === 'pilot-paused');
    expect(paused.stage).toBe('running');
    expect(paused.counts.accepted).toBe(1);
    expect(paused.counts.devicesAccepted).toBe(2);
    await ok('send:continuePilot', { batchId: pilot.batch.id });
    await until('the end', () => ok<SendView | null>('send:get', { batchId: pilot.batch.id }), (v) => v === null || v.stage !== 'running');

    const cancel = await ok<BatchCreatedView>('batches:create', {
      name: 'Cancelled',
      notes: '',
      target: 'Latest',
      network: 'ANY',
      sources: [{ fileName: 'c.csv', sha256: SHA, devices: [dev('R58N1SP0070', 'SM-G991B', 2), dev('R58T1SP0027', 'SM-A536B', 3), { ...dev('R58T1FE0001', 'SM-A536B', 4), salesCode: 'XEU' }] }],
    });
    const id = cancel.batch.id;
    expect((await failed('send:cancel', { batchId: id })).code).toBe('NOT_FOUND');
    await ok('send:open', { batchId: id });
    expect((await failed('send:cancel', { batchId: id })).code).toBe('NOT_ALLOWED');
    await ok('practice:testControls', { latencyMs: 300, advanceMinutes: null, forceUpdateFaults: null });
    await ok('send:start', { batchId: id, pinLatest: false, typedCount: null });
    await until('the first call', () => ok<SendView>('send:get', { batchId: id }), (v) => v.counts.accepted >= 1);
    await ok('send:pause', { batchId: id });
    await until('the pause', () => ok<SendView>('send:get', { batchId: id }), (v) => v.phase === 'paused' || v.stage !== 'running');
    await ok('send:cancel', { batchId: id });
    const end = await until('the cancellation', () => ok<SendView | null>('send:get', { batchId: id }), (v) => v === null || v.stage !== 'running');
    expect(end === null || end.done).toBe(true);
    const last = events.filter((e) => e.channel === 'send:progress').map((e) => e.payload as SendView).filter((v) => v.batchId === id).at(-1);
    expect(last?.phase).toBe('cancelled');
    expect((last?.counts.accepted ?? 0) + (last?.counts.cancelled ?? 0)).toBe(3);
    expect(last?.counts.cancelled).toBeGreaterThan(0);
    expect(last?.calls.filter((c) => c.state === 'accepted').every((c) => c.forceUpdateId !== null)).toBe(true);
    await ok('practice:testControls', { latencyMs: 0, advanceMinutes: null, forceUpdateFaults: null });
  });

  it('refuses test controls without the variable, and in a packaged app', async () => {
    const plain = composeServices({ dataDir, env: { FOTA_DESK_TEST_CONTROLS: '1' }, transport: 'web', version: 'test', isPackaged: true, secrets: new MemorySecretStore(), backgroundRefresh: false });
    try {
      const result = await dispatch(createHandlers(plain), 'practice:testControls', { latencyMs: 10, advanceMinutes: null, forceUpdateFaults: null });
      expect(result).toMatchObject({ ok: false, error: { code: 'NOT_AVAILABLE' } });
    } finally {
      await plain.close();
    }
  });
});

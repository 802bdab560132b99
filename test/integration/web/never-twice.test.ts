// The window's side of "never push a device twice", through the handler table and the real services
// against the practice simulator: the dry run and the send hold back devices whose latest push is
// open (with their forceUpdateIds), include them only per device or all with the count typed, show the
// dry run's warnings in the confirmation, refuse a send of nothing with the true reason, offer the
// repair of a damaged journal, and the serial search finds held-back and excluded devices.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchCreatedView, ContractError, DeviceInput, HistoryDetailView, PreviewView, RepairView, SendView, SerialLookupView } from '../../../common/contract.ts';
import { MemorySecretStore } from '../../../main/auth/memory-secret-store.ts';
import { journalDir, journalFiles } from '../../../main/batches/journal.ts';
import { createHandlers, dispatch, type HandlerTable } from '../../../main/ipc/handlers.ts';
import type { AppServices } from '../../../main/services/app-services.ts';
import { composeServices } from '../../../main/services/compose.ts';

let dataDir: string;
let services: AppServices;
let table: HandlerTable;

beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'fota-never-twice-'));
  services = composeServices({ dataDir, env: {}, transport: 'web', version: 'test', isPackaged: false, secrets: new MemorySecretStore(), backgroundRefresh: false });
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

// Enrolled devices of the practice tenant (the demo seed's SALES-PHONES).
const phones = (from: number, to: number): DeviceInput[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ serial: `R58N1SP${String(from + i).padStart(4, '0')}`, model: 'SM-G991B', salesCode: 'BTU', imei: null, row: i + 2 }));

async function create(name: string, devices: DeviceInput[]): Promise<string> {
  const created = await ok<BatchCreatedView>('batches:create', { name, notes: '', target: 'Latest', network: 'ANY', sources: [{ fileName: `${name}.csv`, sha256: 'a'.repeat(64), devices }] });
  return created.batch.id;
}

/** Sends a batch to the end; returns the forceUpdateIds the history tracks for it. */
async function sendAll(batchId: string): Promise<string[]> {
  await ok<SendView>('send:open', { batchId });
  await ok<SendView>('send:start', { batchId, pinLatest: false, typedCount: null });
  for (let i = 0; i < 400; i++) {
    const view = await ok<SendView | null>('send:get', { batchId });
    if (!view || view.stage !== 'running') break;
    await new Promise((r) => setTimeout(r, 25));
  }
  return (await ok<HistoryDetailView>('history:get', { batchId })).batch.updates.map((u) => u.forceUpdateId);
}

let first = '';
let firstIds: string[] = [];

describe('the window holds back devices whose latest push is open', () => {
  it('the dry run names them with the force update that holds them; the confirmation shows the same numbers and warnings', async () => {
    first = await create('First', phones(1, 4));
    firstIds = await sendAll(first);
    expect(firstIds[0]).toMatch(/-JEA/);

    const second = await create('Second', phones(1, 6));
    const preview = await ok<PreviewView>('batches:preview', { id: second, online: false });
    const s = preview.preview.summary;
    expect(s.toSend).toEqual({ calls: 1, devices: 2 });
    expect(s.heldBack.map((p) => [p.serial, p.forceUpdateId, p.batchName])).toEqual(phones(1, 4).map((d) => [d.serial, firstIds[0], 'First']));
    const view = await ok<SendView>('send:open', { batchId: second });
    expect(view.summary).toEqual(s);
    expect(view.devicesToSend).toBe(2);
    // Every warning of the dry run is in the confirmation too.
    const dryWarnings = preview.preview.findings.filter((f) => f.where === 'batch' || f.where === 'abnormal').map((f) => f.message);
    expect(dryWarnings.some((m) => /held back/.test(m))).toBe(true);
    expect(view.checks?.findings.map((f) => f.message)).toEqual(expect.arrayContaining(dryWarnings));
    await ok('send:close', { batchId: second });
  });

  it('includes them per device, or all of them only with their number typed', async () => {
    const third = await create('Third', phones(1, 6));
    const one = await ok<PreviewView>('batches:preview', { id: third, online: false, include: { all: false, serials: ['R58N1SP0002'] } });
    expect(one.preview.summary).toMatchObject({ toSend: { calls: 1, devices: 3 } });
    expect(one.preview.summary.includedOpen.map((p) => p.serial)).toEqual(['R58N1SP0002']);
    expect(one.preview.findings.some((f) => /may be pushed twice/.test(f.message))).toBe(true);

    const wrong = await failed('send:open', { batchId: third, include: { all: true, serials: [], typedCount: 3 } });
    expect(wrong).toMatchObject({ code: 'INVALID_INPUT' });
    expect(wrong.message).toContain('type their number (4)');
    expect(await ok<SendView | null>('send:get', { batchId: third })).toBeNull();
    const all = await ok<SendView>('send:open', { batchId: third, include: { all: true, serials: [], typedCount: 4 } });
    expect(all.summary).toMatchObject({ toSend: { calls: 1, devices: 6 }, heldBack: [] });
    expect(all.summary.includedOpen).toHaveLength(4);
    expect(all.checks?.findings.some((f) => /may be pushed twice/.test(f.message))).toBe(true);
    await ok('send:close', { batchId: third });
  });

  it('a batch with nothing left to send: the dry run says why, and the send is refused with that reason', async () => {
    const fourth = await create('Fourth', phones(1, 3));
    const preview = await ok<PreviewView>('batches:preview', { id: fourth, online: false });
    expect(preview.preview.summary.nothingToSend).toBe('Nothing to send: 3 devices held back because their latest force update is still open.');
    await ok<SendView>('send:open', { batchId: fourth });
    const refused = await failed('send:start', { batchId: fourth, pinLatest: false, typedCount: null });
    expect(refused).toMatchObject({ code: 'NOT_ALLOWED', message: 'Nothing to send: 3 devices held back because their latest force update is still open.' });
    await ok('send:close', { batchId: fourth });
  });

  it('a damaged journal stops the send with JOURNAL_DAMAGED; send:repair repairs it and says what it did', async () => {
    const [file] = journalFiles(journalDir(dataDir), first);
    const lines = readFileSync(file ?? '', 'utf8').split('\n');
    lines[1] = 'not a record';
    writeFileSync(file ?? '', lines.join('\n'));
    const damaged = await failed('send:open', { batchId: first });
    expect(damaged.code).toBe('JOURNAL_DAMAGED');
    expect(damaged.message).toContain(first);
    expect(damaged.message).not.toMatch(/fota batch repair/); // the window names its own button, in the remedy
    expect(damaged.remedy).toMatch(/Repair the journal/);
    const report = await ok<RepairView>('send:repair', { batchId: first });
    expect(report).toMatchObject({ batchId: first, repaired: 1, markedUnknown: 0 });
    expect(report.lines.join('\n')).toMatch(/dropped 1 damaged line\(s\) \(line 2: not valid JSON\)/);
    const reopened = await ok<SendView>('send:open', { batchId: first });
    expect(reopened.summary.nothingToSend).toMatch(/^Nothing to send: 4 devices already pushed by an earlier send of this batch/);
    await ok('send:close', { batchId: first });
  });

  it('the serial search finds a device held back from a batch and one excluded, with why', async () => {
    const held = await ok<SerialLookupView>('history:search', { serial: 'r58n1sp0001' });
    expect(held.rows[0]).toMatchObject({ batchName: 'First', forceUpdateId: firstIds[0] });
    expect(held.inBatches.map((r) => `${r.state} ${r.batchName}`).sort()).toEqual(['held-back Fourth', 'held-back Second', 'held-back Third']);
    expect(held.inBatches[0]?.label).toContain(`its latest push, force update ${firstIds[0] ?? ''} of batch 'First' (sent)`);
    const second = (await ok<{ batches: Array<{ id: string; name: string }> }>('batches:list')).batches.find((b) => b.name === 'Second')?.id ?? '';
    await ok('batches:exclude', { id: second, serials: ['R58N1SP0005'], reason: 'lost in transit' });
    const excluded = await ok<SerialLookupView>('history:search', { serial: 'R58N1SP0005' });
    expect(excluded.rows).toEqual([]);
    expect(excluded.inBatches).toEqual([expect.objectContaining({ state: 'excluded', batchName: 'Second', label: expect.stringMatching(/^excluded from batch 'Second': lost in transit \(by the admin, /) as unknown })]);
  });
});

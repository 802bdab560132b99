// The batch, send, history, network and test-control channels check every payload before a
// service sees it: wrong shapes, unknown fields, values Samsung would refuse and oversized lists
// come back as INVALID_INPUT naming the field; a well-formed payload reaches the service.
import { afterAll, describe, expect, it } from 'vitest';
import { createHandlers, dispatch } from '../../../main/ipc/handlers.ts';
import { tempServices } from './temp-services.ts';

const fixture = tempServices();
const table = createHandlers(fixture.services);
afterAll(() => fixture.dispose());

const SHA = 'b'.repeat(64);
const device = { serial: 'R58N1SP0001', model: 'SM-G991B', salesCode: 'BTU', imei: null, row: 2 };
const create = { name: 'Q4', notes: '', target: 'Latest', network: 'WIFIONLY', sources: [{ fileName: 'fleet.csv', sha256: SHA, devices: [device] }] };
const group = { key: 'SM-G991B/BTU', target: 'Latest', network: 'ANY', schedule: null };
const window = { startDate: '20301201', endDate: '20301204', startHour: '01', endHour: '05' };

async function refused(channel: string, payload: unknown): Promise<string> {
  const result = await dispatch(table, channel, payload);
  expect(result.ok, `${channel} accepted ${JSON.stringify(payload).slice(0, 200)}`).toBe(false);
  if (result.ok) return '';
  expect(result.error.code).toBe('INVALID_INPUT');
  return result.error.message;
}

async function code(channel: string, payload: unknown): Promise<string> {
  const result = await dispatch(table, channel, payload);
  return result.ok ? 'OK' : result.error.code;
}

describe('batches:* payloads', () => {
  it('refuses a device Samsung would refuse, naming its place and row', async () => {
    const message = await refused('batches:create', { ...create, sources: [{ ...create.sources[0], devices: [device, { ...device, serial: 'R58N 1SP0002', row: 9 }] }] });
    expect(message).toMatch(/^sources\[0\]\.devices\[1\]\.serial \(row 9\): /);
    expect(await refused('batches:create', { ...create, sources: [{ ...create.sources[0], devices: [{ ...device, model: '' }] }] })).toMatch(/devices\[0\]\.model/);
    expect(await refused('batches:create', { ...create, sources: [{ ...create.sources[0], devices: [{ ...device, extra: 1 }] }] })).toMatch(/extra.*not a field/);
  });

  it('refuses a bad checksum, no devices, a blank name, a bad network and a bad target', async () => {
    expect(await refused('batches:create', { ...create, sources: [{ ...create.sources[0], sha256: SHA.toUpperCase() }] })).toMatch(/SHA-256/);
    expect(await refused('batches:create', { ...create, sources: [{ ...create.sources[0], devices: [] }] })).toMatch(/no valid device/);
    expect(await refused('batches:create', { ...create, name: '   ' })).toMatch(/blank/);
    expect(await refused('batches:create', { ...create, network: 'LTE' })).toMatch(/network/);
    expect(await refused('batches:create', { ...create, target: '' })).toMatch(/target.*empty/);
    expect(await refused('batches:create', { ...create, sources: Array.from({ length: 101 }, () => create.sources[0]) })).toMatch(/at most 100/);
  });

  it('accepts a well-formed import and normalises it (main checks the devices itself)', async () => {
    const result = await dispatch(table, 'batches:create', { ...create, name: 'Normalised', sources: [{ ...create.sources[0], devices: [{ ...device, serial: ' r58n1sp0001 ', model: 'sm-g991b', salesCode: 'btu' }] }] });
    expect(result.ok).toBe(true);
    if (result.ok) expect((result.data as { batch: { groups: { key: string; sample: string[] }[] } }).batch.groups[0]).toMatchObject({ key: 'SM-G991B/BTU', sample: ['R58N1SP0001'] });
  });

  it('checks batch ids, group settings, windows, pilots and serial lists', async () => {
    expect(await refused('batches:get', { id: '../settings' })).toMatch(/batch id/);
    expect(await refused('batches:get', { id: '' })).toMatch(/empty/);
    expect(await refused('batches:setGroup', { id: 'b-1', group: { ...group, network: 'wifi' } })).toMatch(/network/);
    expect(await refused('batches:setGroup', { id: 'b-1', group: { ...group, schedule: { groupId: 'G', window: { ...window, startDate: '2030-12-01' } } } })).toMatch(/Delivery start date '2030-12-01'/);
    expect(await refused('batches:setGroup', { id: 'b-1', group: { ...group, schedule: { groupId: 'G'.repeat(60), window } } })).toMatch(/group ID|groupId/i);
    expect(await refused('batches:setDetails', { id: 'b-1', details: { name: 'x', notes: '', pilot: { kind: 'devices', count: 0 } } })).toMatch(/count/);
    expect(await refused('batches:setDetails', { id: 'b-1', details: { name: 'x', notes: '', pilot: { kind: 'everything' } } })).toMatch(/kind/);
    expect(await refused('batches:exclude', { id: 'b-1', serials: 'R58', reason: '' })).toMatch(/list/);
    expect(await refused('batches:takeBack', { id: 'b-1', serials: [42] })).toMatch(/serials\[0\]/);
    expect(await refused('batches:firmware', { model: 'SM G991B', salesCode: 'BTU', refresh: false })).toMatch(/model/i);
    expect(await refused('batches:preview', { id: 'b-1', online: 'yes' })).toMatch(/true or false/);
    expect(await refused('batches:import', { fileName: '', text: '{}' })).toMatch(/fileName/);
    expect(await refused('batches:list', { all: true })).toMatch(/no payload/);
  });

  it('lets a well-formed request reach the service (which says what is missing)', async () => {
    expect(await code('batches:get', { id: 'b-000000000000' })).toBe('NOT_FOUND');
    expect(await code('batches:setGroup', { id: 'b-000000000000', group: { ...group, schedule: { groupId: 'sales-phones', window } } })).toBe('NOT_FOUND');
    expect(await code('batches:delete', { id: 'b-000000000000' })).toBe('NOT_FOUND');
    expect(await code('batches:import', { fileName: 'x.fotabatch', text: '' })).toBe('INVALID_INPUT');
    expect(await code('batches:list', null)).toBe('OK');
  });
});

describe('send:* payloads', () => {
  it('refuses wrong shapes before any send is touched', async () => {
    expect(await refused('send:open', { batch: 'b-1' })).toMatch(/batch.*not a field/);
    expect(await refused('send:start', { batchId: 'b-1', pinLatest: true, typedCount: -1 })).toMatch(/typedCount/);
    expect(await refused('send:start', { batchId: 'b-1', pinLatest: 'no', typedCount: null })).toMatch(/pinLatest/);
    expect(await refused('send:resend', { batchId: 'b-1', callIds: ['SM-G991B/BTU#1', ''] })).toMatch(/callIds\[1\]/);
    expect(await refused('send:leave', { batchId: 'b-1', callIds: 'SM-G991B/BTU#1' })).toMatch(/list/);
    expect(await refused('send:replan', { batchId: 'b-1' })).toMatch(/callId.*missing/);
    for (const channel of ['send:pause', 'send:resume', 'send:cancel', 'send:continuePilot', 'send:close', 'send:get']) expect(await refused(channel, {})).toMatch(/batchId.*missing/);
  });

  it('answers NOT_FOUND for a batch without an open send, and null from send:get', async () => {
    expect(await code('send:pause', { batchId: 'b-000000000000' })).toBe('NOT_FOUND');
    expect(await code('send:start', { batchId: 'b-000000000000', pinLatest: false, typedCount: null })).toBe('NOT_FOUND');
    expect(await dispatch(table, 'send:get', { batchId: 'b-000000000000' })).toEqual({ ok: true, data: null });
    expect(await dispatch(table, 'send:close', { batchId: 'b-000000000000' })).toEqual({ ok: true, data: { closed: false } });
  });
});

describe('history, diagnostics, network and test controls', () => {
  it('checks their payloads', async () => {
    expect(await refused('history:refresh', { batchId: 7 })).toMatch(/batchId/);
    expect(await refused('history:search', { serial: '' })).toMatch(/empty/);
    expect(await refused('history:retry', { batchId: 'b-1', from: 'everything', days: 7, name: 'x' })).toMatch(/from/);
    expect(await refused('history:retry', { batchId: 'b-1', from: 'failed', days: 365, name: 'x' })).toMatch(/days/);
    expect(await refused('history:export', { batchId: null })).toMatch(/batchId/);
    expect(await refused('diagnostics:get', { verbose: true })).toMatch(/no payload/);
    expect(await refused('network:selfTest', { id: '' })).toMatch(/empty/);
    expect(await refused('practice:testControls', { latencyMs: 1_000_000, advanceMinutes: null, forceUpdateFaults: null })).toMatch(/latencyMs/);
    expect(await refused('practice:testControls', { latencyMs: null, advanceMinutes: null, forceUpdateFaults: ['explode'] })).toMatch(/forceUpdateFaults\[0\]/);
  });

  it('answers well-formed requests', async () => {
    expect(await dispatch(table, 'history:list', null)).toMatchObject({ ok: true, data: { batches: [] } });
    expect(await dispatch(table, 'history:search', { serial: 'r58n1sp0001' })).toEqual({ ok: true, data: { serial: 'R58N1SP0001', rows: [], inBatches: [] } });
    expect(await code('history:get', { batchId: 'b-000000000000' })).toBe('NOT_FOUND');
    const diagnostics = await dispatch(table, 'diagnostics:get', null);
    expect(diagnostics.ok && (diagnostics.data as { text: string }).text).toContain('App version: test');
    const practice = await dispatch(table, 'network:selfTest', { id: 'practice' });
    expect(practice).toMatchObject({ ok: true, data: { ok: true } });
    expect(await code('network:selfTest', { id: 'no-such-profile' })).toBe('NOT_FOUND');
    // The temporary services were built without FOTA_DESK_TEST_CONTROLS: the controls stay off.
    expect(await code('practice:testControls', { latencyMs: 10, advanceMinutes: null, forceUpdateFaults: null })).toBe('NOT_AVAILABLE');
  });
});

// Builders of batches for the batch tests (unit and integration).
import { BATCH_SCHEMA_VERSION, type Batch, type BatchDevice, type BatchGroup, type DeliveryWindow } from '../../../common/batch/model.ts';

/** A fixed creation stamp. */
export const STAMP = { at: '2026-11-01T10:00:00.000Z', by: { user: 'alice', host: 'laptop-1' } };

/** The customer ID most tests use. */
export const CUSTOMER = '3F2A91C4-7B10-4D2E-9A55-0C6E81B2D7F3';

/** `count` devices of one model and sales code, serials `<prefix><7 digits>`. */
export function devices(model: string, salesCode: string, count: number, prefix = 'R58N'): BatchDevice[] {
  return Array.from({ length: count }, (_, i) => ({ serial: `${prefix}${String(i).padStart(7, '0')}`, model, salesCode }));
}

/** An immediate group. */
export function immediate(model: string, salesCode: string, target = 'Latest', network: 'WIFIONLY' | 'ANY' = 'WIFIONLY'): BatchGroup {
  return { model, salesCode, target, targetSource: target === 'Latest' ? 'latest' : 'typed', mode: { kind: 'immediate', network } };
}

/** A scheduled group. */
export function scheduled(model: string, salesCode: string, groupId: string, window: DeliveryWindow, target = 'Latest'): BatchGroup {
  return { model, salesCode, target, targetSource: target === 'Latest' ? 'latest' : 'typed', mode: { kind: 'scheduled', groupId, window } };
}

/** A batch of the given devices and groups. */
export function batch(devs: BatchDevice[], groups: BatchGroup[], extra: Partial<Batch> = {}): Batch {
  return {
    schemaVersion: BATCH_SCHEMA_VERSION, id: 'b-0000000000a1', name: 'test batch', notes: '', customerId: CUSTOMER,
    created: STAMP, edited: STAMP, sources: [], devices: devs, excluded: [], groups, pilot: null, abnormalCheck: null,
    takenBack: [], handoff: null, ...extra,
  };
}

/** A `yyyyMMdd` date `days` after the epoch-ms moment `from` (GMT). */
export function dayAfter(from: number, days: number): string {
  return new Date(from + days * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
}

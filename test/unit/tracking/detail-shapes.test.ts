// forceUpdateDetail's element names were never published (docs/efota-api.md §2.8): the reader recognises
// the simulator's shape and plausible variants, and says "not understood" for anything else. The
// reconciliation then never calls an unlisted device downloaded unless the summary adds up.
import { describe, expect, it } from 'vitest';
import { classifyStatus, readDetail } from '../../../main/batches/reconcile-detail.ts';
import { NOT_UNDERSTOOD, reconcile } from '../../../main/batches/reconcile.ts';
import type { DeviceResult, SummarySnapshot } from '../../../main/store/history/history-model.ts';

const AT = '2030-06-01T12:00:00.000Z';
const LATER = '2030-06-01T13:00:00.000Z';
const doc = (body: string): string => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><B2bForceUpdateDetailVO>${body}</B2bForceUpdateDetailVO>`;
const summary = (processing: number, downloaded: number, failed: number): SummarySnapshot => ({ at: AT, target: 'X', processing, downloaded, failed });
const sent = (serials: string[]): DeviceResult[] => serials.map((serial) => ({ serial, state: 'sent', reason: null, since: AT }));

const SIMULATOR = doc(
  '<forceUpdateId>10720300601-JEA00000001</forceUpdateId><targetFirmwareVersion>G991BXXU5CVF1/G991BOXM5CVF1/G991BXXU5CVF1</targetFirmwareVersion>' +
    '<processingDeviceList><deviceItem><serialNumber>A1</serialNumber><status>Processing</status></deviceItem></processingDeviceList>' +
    '<failedDeviceList><deviceItem><serialNumber>B2</serialNumber><status>Failed</status><failReason>Download failed: not enough storage on the device</failReason></deviceItem></failedDeviceList>',
);

describe('reading a detail answer', () => {
  it("recognises the simulator's shape: processing and failed lists with a reason per failure", () => {
    const r = readDetail(SIMULATOR);
    expect(r.understood).toBe(true);
    expect(r.devices.get('A1')).toMatchObject({ state: 'processing', reason: null });
    expect(r.devices.get('B2')).toMatchObject({ state: 'failed', reason: 'Download failed: not enough storage on the device' });
    expect(r.devices.size).toBe(2);
  });

  it('recognises bare serial lists named after their state, and empty lists', () => {
    const r = readDetail(doc('<processingList><serialNumber>A1</serialNumber><serialNumber>a3</serialNumber></processingList><failedList><serial>B2</serial></failedList>'));
    expect(r.devices.get('A1')?.state).toBe('processing');
    expect(r.devices.get('A3')?.state).toBe('processing');
    expect(r.devices.get('B2')?.state).toBe('failed');
    const empty = readDetail(doc('<processingDeviceList/><failedDeviceList></failedDeviceList>'));
    expect(empty.understood).toBe(true);
    expect(empty.devices.size).toBe(0);
  });

  it('recognises one flat list whose items carry a status (and a reason), whatever the item names', () => {
    const r = readDetail(doc(
      '<deviceList><device><serial_no>A1</serial_no><downloadStatus>DOWNLOADING</downloadStatus></device>' +
        '<device><serial_no>B2</serial_no><downloadStatus>FAIL</downloadStatus><errorMessage>No Wi-Fi for 7 days</errorMessage></device>' +
        '<device><serial_no>C3</serial_no><downloadStatus>COMPLETED</downloadStatus></device></deviceList>',
    ));
    expect(r.devices.get('A1')?.state).toBe('processing');
    expect(r.devices.get('B2')).toMatchObject({ state: 'failed', reason: 'No Wi-Fi for 7 days' });
    expect(r.devices.get('C3')?.state).toBe('downloaded');
  });

  it('an item with only a failure reason counts as failed; one with a status nobody can read does not count', () => {
    const r = readDetail(doc('<items><item><deviceSerialNumber>B2</deviceSerialNumber><failCause>Battery low</failCause></item><item><deviceSerialNumber>Z9</deviceSerialNumber><status>7</status></item></items>'));
    expect(r.devices.get('B2')).toMatchObject({ state: 'failed', reason: 'Battery low' });
    expect(r.devices.get('Z9')?.state).toBeNull();
  });

  it("does not understand the simulator's unrecognisable shape, an empty body of unknown names, or non-XML", () => {
    expect(readDetail(doc('<rs><r><k>A1</k><v>2</v></r><r><k>B2</k><v>9</v></r></rs>')).understood).toBe(false);
    expect(readDetail(doc('<rs/>')).understood).toBe(false);
    expect(readDetail(doc('<result>ok</result>')).understood).toBe(false);
    const html = readDetail('<html><body>Service unavailable</body>');
    expect(html.understood).toBe(false);
    expect(readDetail('not xml at all').note).toMatch(/could not be read as XML/);
  });

  it('classifies status words, failure before success', () => {
    expect(classifyStatus('Download failed')).toBe('failed');
    expect(classifyStatus('Downloading')).toBe('processing');
    expect(classifyStatus('Downloaded')).toBe('downloaded');
    expect(classifyStatus('IN_PROGRESS')).toBe('processing');
    expect(classifyStatus('2')).toBeNull();
  });
});

describe('reconciling devices', () => {
  const serials = ['A1', 'B2', 'C3', 'D4'];

  it('unlisted devices are downloaded when the summary counts exactly them', () => {
    const r = reconcile({ serials, previous: sent(serials), summary: summary(1, 2, 1), reading: readDetail(SIMULATOR), at: LATER });
    expect(r.consistent).toBe(true);
    expect(r.devices.map((d) => d.state)).toEqual(['processing', 'failed', 'downloaded', 'downloaded']);
    expect(r.devices.every((d) => d.since === LATER)).toBe(true);
  });

  it('unlisted devices stay unknown when the counts do not add up (a race, or devices Samsung skipped)', () => {
    const r = reconcile({ serials, previous: sent(serials), summary: summary(2, 1, 1), reading: readDetail(SIMULATOR), at: LATER });
    expect(r.consistent).toBe(false);
    expect(r.devices.map((d) => d.state)).toEqual(['processing', 'failed', 'unknown', 'unknown']);
    expect(r.note).toMatch(/does not match/);
  });

  it('an unreadable detail makes every device unknown even when the summary says all downloaded', () => {
    const r = reconcile({ serials, previous: sent(serials), summary: summary(0, 4, 0), reading: readDetail(doc('<rs/>')), at: LATER });
    expect(r.devices.every((d) => d.state === 'unknown' && d.reason === NOT_UNDERSTOOD)).toBe(true);
  });

  it('keeps a known final state when a later answer cannot be read, and keeps `since` while a state holds', () => {
    const previous: DeviceResult[] = [
      { serial: 'A1', state: 'downloaded', reason: null, since: AT },
      { serial: 'B2', state: 'failed', reason: 'x', since: AT },
      { serial: 'C3', state: 'processing', reason: null, since: AT },
      { serial: 'D4', state: 'processing', reason: null, since: AT },
    ];
    const odd = reconcile({ serials, previous, summary: summary(2, 1, 1), reading: readDetail(doc('<rs/>')), at: LATER });
    expect(odd.devices.map((d) => d.state)).toEqual(['downloaded', 'failed', 'unknown', 'unknown']);
    expect(odd.devices[0]?.since).toBe(AT);
    const still = reconcile({ serials, previous, summary: summary(2, 1, 1), reading: readDetail(doc('<processingList><serialNumber>C3</serialNumber><serialNumber>D4</serialNumber></processingList><failedList><serialNumber>B2</serialNumber></failedList>')), at: LATER });
    expect(still.devices.map((d) => d.state)).toEqual(['downloaded', 'failed', 'processing', 'processing']);
    expect(still.devices[2]?.since).toBe(AT);
  });
});

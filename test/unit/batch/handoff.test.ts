import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../common/clock.ts';
import { canonicalJson, sha256Hex } from '../../../common/batch/digest.ts';
import { adoptHandoff, exportHandoff, HANDOFF_NOTICE, readHandoff, type HandoffProblem } from '../../../common/batch/handoff.ts';
import { planBatch } from '../../../common/batch/plan.ts';
import { CUSTOMER, batch, dayAfter, devices, immediate, scheduled } from './batch-fixture.ts';

const NOW = Date.parse('2026-11-01T12:00:00Z');
const expect_ = { customerId: CUSTOMER, profileName: 'Acme', clock: new ManualClock(NOW) };
const prepared = { at: '2026-11-01T11:30:00.000Z', by: { user: 'fieldadmin', host: 'laptop-7' } };
const sample = () =>
  batch([...devices('SM-G991B', 'BTU', 120), ...devices('SM-T830', 'XAR', 3, 'T')], [
    immediate('SM-G991B', 'BTU', 'G991BXXU5CVF1/G991BOXM5CVF1/G991BXXU5CVF1'),
    scheduled('SM-T830', 'XAR', 'TABLETS', { startDate: dayAfter(NOW, 3), endDate: dayAfter(NOW, 7), startHour: '01', endHour: '04' }),
  ], { pilot: { kind: 'devices', count: 10 }, notes: 'Q4 security patch\nfield phones first' });

async function refused(text: string, customerId = CUSTOMER): Promise<{ problem: HandoffProblem; message: string }> {
  const r = await readHandoff(text, { ...expect_, customerId });
  if (r.ok) throw new Error('expected the file to be refused');
  return { problem: r.problem, message: r.message };
}

describe('digest helpers', () => {
  it('hashes like SHA-256 and writes keys in one order', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(canonicalJson({ b: [1, { d: 'x', c: null }], a: true })).toBe('{"a":true,"b":[1,{"c":null,"d":"x"}]}');
  });
});

describe('the .fotabatch hand-off file', () => {
  it('round-trips: who prepared it, the tenant, the batch and its plan', async () => {
    const b = sample();
    const text = await exportHandoff(b, prepared);
    const json = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['format', 'schemaVersion', 'notice', 'prepared', 'tenant', 'batch', 'plan', 'sha256']);
    expect(json['notice']).toBe(HANDOFF_NOTICE);
    expect(HANDOFF_NOTICE).toMatch(/NOT a signature/);
    expect(text).not.toMatch(/clientSecret|client_secret|license"/);
    const r = await readHandoff(text, expect_);
    if (!r.ok) throw new Error(r.message);
    expect(r.file.batch).toEqual(b);
    expect(r.file.prepared).toEqual(prepared);
    expect(r.file.tenant).toEqual({ customerId: CUSTOMER });
    expect(r.file.plan).toEqual(JSON.parse(JSON.stringify(planBatch(b))));
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const adopted = adoptHandoff(r.file, 'q4.fotabatch', { at: '2026-11-02T08:00:00.000Z', by: { user: 'helpdesk', host: 'hd-1' } });
    expect(adopted.handoff).toEqual({ fileName: 'q4.fotabatch', sha256: json['sha256'], prepared, imported: { at: '2026-11-02T08:00:00.000Z', by: { user: 'helpdesk', host: 'hd-1' } } });
    expect({ ...adopted, handoff: null }).toEqual(b);
  });

  it('accepts a file with a byte-order mark and keys in another order (the checksum is canonical)', async () => {
    const json = JSON.parse(await exportHandoff(sample(), prepared)) as Record<string, unknown>;
    const reordered = Object.fromEntries(Object.entries(json).reverse());
    expect((await readHandoff(`\uFEFF${JSON.stringify(reordered)}`, expect_)).ok).toBe(true);
  });

  it('refuses each kind of bad file with its own message', async () => {
    const text = await exportHandoff(sample(), prepared);
    // One byte of a serial flipped: still valid JSON, so only the checksum can tell.
    const at = text.indexOf('R58N0000042');
    const flipped = `${text.slice(0, at + 4)}${text[at + 4] === '0' ? '1' : '0'}${text.slice(at + 5)}`;
    const corrupted = await refused(flipped);
    const truncated = await refused(text.slice(0, Math.floor(text.length * 0.6)));
    const future = JSON.parse(text) as Record<string, unknown>;
    future['schemaVersion'] = 2;
    const newer = await refused(JSON.stringify(future));
    const other = await refused(text, '00000000-0000-0000-0000-000000000000');
    const notJson = await refused(text.replace('"format"', '"format')); // ends with '}' but does not parse
    const notHandoff = await refused('{"hello":"world"}');
    const empty = await refused('  \n');

    expect(corrupted.problem).toBe('corrupted');
    expect(corrupted.message).toMatch(/does not match its SHA-256 checksum/);
    expect(truncated.problem).toBe('truncated');
    expect(truncated.message).toMatch(/cut off/);
    expect(newer.problem).toBe('newerVersion');
    expect(newer.message).toMatch(/newer FOTA Desk \(hand-off schema 2; this version reads up to 1\)/);
    expect(other.problem).toBe('otherTenant');
    expect(other.message).toBe(`The batch is for customer ID ${CUSTOMER}, but profile 'Acme' is for 00000000-0000-0000-0000-000000000000. Switch to a profile of that customer (fota profile use NAME) and import again.`);
    expect(notJson.problem).toBe('notJson');
    expect(notHandoff.problem).toBe('notHandoff');
    expect(empty.problem).toBe('empty');
    const messages = [corrupted, truncated, newer, other, notJson, notHandoff, empty].map((r) => r.message);
    expect(new Set(messages).size).toBe(messages.length);
  });

  it('refuses a file edited and re-checksummed into an invalid batch, or with a plan that is not its batch\'s', async () => {
    const json = JSON.parse(await exportHandoff(sample(), prepared)) as { batch: { devices: Array<Record<string, unknown>>; name: string }; plan: { devices: number }; sha256?: string };
    const resign = async (value: typeof json): Promise<string> => {
      const { sha256: _drop, ...rest } = value;
      return JSON.stringify({ ...rest, sha256: await sha256Hex(canonicalJson(rest)) });
    };
    const badBatch = structuredClone(json);
    badBatch.batch.devices[0]!['model'] = 'SM-NOGROUP';
    const invalid = await refused(await resign(badBatch));
    expect(invalid.problem).toBe('invalid');
    expect(invalid.message).toMatch(/checksum is right, but its content is not a valid batch/);
    const badPlan = structuredClone(json);
    badPlan.plan.devices = 1;
    expect(await refused(await resign(badPlan))).toMatchObject({ problem: 'invalid', message: expect.stringMatching(/plan in the file is not the plan of its batch/) as unknown });
  });

  it('re-validates the batch with the rules: a window now past is an error finding, not a refusal', async () => {
    const old = batch(devices('SM-T830', 'XAR', 2), [scheduled('SM-T830', 'XAR', 'TABLETS', { startDate: '20261020', endDate: '20261024', startHour: '01', endHour: '04' })]);
    const r = await readHandoff(await exportHandoff(old, prepared), expect_);
    if (!r.ok) throw new Error(r.message);
    expect(r.findings.find((f) => f.severity === 'error')?.fud).toBe('FUD_3005');
  });

  it('marks practice data first in the file', async () => {
    const text = await exportHandoff(sample(), prepared, { practiceLabel: 'PRACTICE — practice data' });
    expect(Object.keys(JSON.parse(text) as object)[0]).toBe('practice');
    const r = await readHandoff(text, expect_);
    expect(r.ok && r.file.practice).toBe('PRACTICE — practice data');
  });
});

// Hostile hand-off files get a clear refusal naming what they are, never "Maximum call stack size
// exceeded … This is a bug" or a wrong "cut off": a file nested 200,000 levels deep (refused by a
// depth check before parsing), a UTF-16 file, and files that are not JSON at all — through the CLI
// and the window's import channel alike.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../common/clock.ts';
import { exportHandoff, HANDOFF_FORMAT, readHandoff } from '../../../common/batch/handoff.ts';
import { jsonNestingDepth } from '../../../common/batch/json-depth.ts';
import { runCli } from '../../../main/cli/run.ts';
import { createHandlers, dispatch } from '../../../main/ipc/handlers.ts';
import { PRACTICE_CUSTOMER_ID } from '../../../main/cli/commands/batch-context.ts';
import { DATA_DIR_ENV } from '../../../main/store/data-folder.ts';
import { memoryIo } from '../../helpers/memory-io.ts';
import { tempServices } from '../../unit/ipc/temp-services.ts';
import { batch, devices, immediate } from '../../unit/batch/batch-fixture.ts';

const LEVELS = 200_000;
let work: string;
let good: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'fota-hostile-handoff-'));
  good = await exportHandoff(batch(devices('SM-G991B', 'BTU', 3), [immediate('SM-G991B', 'BTU', 'Latest')], { customerId: PRACTICE_CUSTOMER_ID }), { at: '2026-11-01T11:30:00.000Z', by: { user: 'fieldadmin', host: 'laptop-7' } });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The hostile files, as bytes. */
function files(): Record<string, Buffer> {
  const deepObject = `${'{"a":'.repeat(LEVELS)}1${'}'.repeat(LEVELS)}`;
  const deepWithHeader = `{"format":"${HANDOFF_FORMAT}","schemaVersion":1,"sha256":"00","batch":${deepObject}}`;
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(good, 'utf16le')]);
  return {
    'deep.fotabatch': Buffer.from(deepWithHeader),
    'deep-arrays.fotabatch': Buffer.from(`${'['.repeat(LEVELS)}${']'.repeat(LEVELS)}`),
    'utf16.fotabatch': utf16,
    'utf16-no-bom.fotabatch': Buffer.from(good, 'utf16le'),
    'devices.fotabatch': Buffer.from('Serial,Model,Sales code\nR58N1SP0001,SM-G991B,BTU\n'),
    'workbook.fotabatch': Buffer.from('PK\u0003\u0004\u0014\u0000\u0006\u0000binary-ish'),
    'note.fotabatch': Buffer.from('please send these phones on Monday'),
  };
}

const EXPECTED: Record<string, { problem: string; says: RegExp }> = {
  'deep.fotabatch': { problem: 'tooDeep', says: /nests its data more than 32 levels deep/ },
  'deep-arrays.fotabatch': { problem: 'tooDeep', says: /nests its data more than 32 levels deep/ },
  'utf16.fotabatch': { problem: 'utf16', says: /saved as UTF-16 text/ },
  'utf16-no-bom.fotabatch': { problem: 'utf16', says: /saved as UTF-16 text/ },
  'devices.fotabatch': { problem: 'notJson', says: /not JSON \(it looks like a spreadsheet or CSV file\)/ },
  'workbook.fotabatch': { problem: 'notJson', says: /not JSON \(it is a ZIP archive/ },
  'note.fotabatch': { problem: 'notJson', says: /not JSON \(it starts with "please send these phones on Monday"\)/ },
};

describe('hostile hand-off files', () => {
  it('measures nesting without parsing, ignoring brackets inside strings', () => {
    expect(jsonNestingDepth('{"a":[1,{"b":"[[[[{{{{"}]}', 10)).toBe(3);
    expect(jsonNestingDepth('{"a":"\\"[[["}', 10)).toBe(1);
    expect(jsonNestingDepth('['.repeat(LEVELS), 32)).toBe(33); // stops counting past the limit
  });

  it.each(Object.keys(EXPECTED))('the reader names %s for what it is', async (name) => {
    const text = (files()[name] as Buffer).toString('utf8');
    const r = await readHandoff(text, { customerId: PRACTICE_CUSTOMER_ID, clock: new ManualClock(Date.parse('2026-11-01T12:00:00Z')) });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem).toBe(EXPECTED[name]?.problem);
    expect(r.message).toMatch(EXPECTED[name]?.says ?? /./);
    expect(r.message).not.toMatch(/cut off/);
  });

  it('the CLI refuses each with exit 2 and its message, never "This is a bug"', async () => {
    for (const [name, bytes] of Object.entries(files())) writeFileSync(path.join(work, name), bytes);
    for (const name of Object.keys(EXPECTED)) {
      const io = memoryIo({ env: { [DATA_DIR_ENV]: path.join(work, 'data'), HOME: work }, cwd: work });
      const code = await runCli(['batch', 'import', name], io);
      expect(io.err(), name).not.toMatch(/This is a bug|Maximum call stack|unexpected error/);
      expect(code, `${name}: ${io.err()}`).toBe(2);
      expect(io.err()).toMatch(EXPECTED[name]?.says ?? /./);
    }
  });

  it('the window refuses each with INVALID_INPUT and its message', async () => {
    const t = tempServices();
    const table = createHandlers(t.services);
    try {
      for (const [name, bytes] of Object.entries(files())) {
        const result = await dispatch(table, 'batches:import', { fileName: name, text: bytes.toString('utf8') });
        expect(result.ok).toBe(false);
        if (result.ok) continue;
        expect(result.error.code, `${name}: ${result.error.message}`).toBe('INVALID_INPUT');
        expect(result.error.message).toMatch(EXPECTED[name]?.says ?? /./);
      }
    } finally {
      await t.dispose();
    }
  });

  it('still imports the good file, and still calls a cut-off copy cut off', async () => {
    const clock = new ManualClock(Date.parse('2026-11-01T12:00:00Z'));
    expect((await readHandoff(good, { customerId: PRACTICE_CUSTOMER_ID, clock })).ok).toBe(true);
    const cut = await readHandoff(good.slice(0, Math.floor(good.length / 2)), { customerId: PRACTICE_CUSTOMER_ID, clock });
    expect(!cut.ok && cut.problem).toBe('truncated');
  });
});

// The streamed JSON of `fota import --json` is exactly JSON.stringify(value, null, 2) plus a newline.
import { describe, expect, it } from 'vitest';
import { writeJsonLines } from '../../../main/cli/json-stream.ts';

function streamed(value: unknown): { text: string; chunks: number } {
  const chunks: string[] = [];
  writeJsonLines(value, (c) => chunks.push(c));
  return { text: chunks.join(''), chunks: chunks.length };
}

describe('writeJsonLines', () => {
  const cases: [string, unknown][] = [
    ['primitives', [1, 'a', true, null]],
    ['an empty object and array', { a: {}, b: [], c: [[]] }],
    ['undefined and functions in objects and arrays', { a: undefined, b: () => 1, c: Array.from({ length: 70 }, (_, i) => (i % 2 ? undefined : i)), d: [undefined] }],
    ['dates and toJSON', { when: new Date(Date.UTC(2026, 2, 1)), custom: { toJSON: () => 'x' }, list: Array.from({ length: 100 }, (_, i) => new Date(i)) }],
    ['keys that need escaping', { 'a"b': { 'c\n': 1 }, long: Array.from({ length: 80 }, (_, i) => ({ [`k"${i}`]: `v\u2028${i}` })) }],
    ['an import result shape', {
      ok: false, exitCode: 2, format: 'csv', sheets: [], mapping: { serial: 0, model: 1, salesCode: null },
      groups: [{ model: 'SM-G991B', salesCode: 'BTU', count: 200, devices: Array.from({ length: 200 }, (_, i) => ({ serial: `R58N${i}`, model: 'SM-G991B', salesCode: 'BTU', source: { fileName: 'a.csv', row: i + 2 } })) }],
      findings: Array.from({ length: 300 }, (_, i) => ({ row: i, column: i % 2 ? 'A' : null, fud: null, message: `m ${i}` })),
      totals: { read: 1 },
    }],
    ['an object with only an undefined value', { a: { b: undefined, c: [] } }],
  ];
  for (const [what, value] of cases) {
    it(`writes ${what} as JSON.stringify(value, null, 2) does`, () => {
      expect(streamed(value).text).toBe(`${JSON.stringify(value, null, 2)}\n`);
    });
  }

  it('writes a long result in chunks, not one string', () => {
    const big = { rows: Array.from({ length: 20_000 }, (_, i) => ({ serial: `R58N${String(i).padStart(7, '0')}`, row: i })) };
    const { text, chunks } = streamed(big);
    expect(text).toBe(`${JSON.stringify(big, null, 2)}\n`);
    expect(chunks).toBeGreaterThan(10);
  });
});

// Issue #20: `fota batch list` shows each batch's state, `fota batch audit` prints a table (CSV with
// -o), an unknown option gets our own message, and a send has one id: the journal file is named by it.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratch, spawnFota, type Run } from './spawn.ts';

const dir = scratch('cli-batches');
const fota = (...args: string[]): Promise<Run> => spawnFota(args, { cwd: dir.work, dataDir: dir.dataDir });

beforeAll(async () => {
  // Enrolled devices of the practice tenant (main/simulator/demo-seed.ts); one list per batch, so
  // no batch holds another's devices back.
  const lists: Record<string, readonly string[]> = { draft: ['R58N1SP0041'], pilot: ['R58N1SP0042', 'R58N1SP0043', 'R58T1FE0011'], sent: ['R58N1SP0044', 'R58N1SP0045'] };
  for (const [name, serials] of Object.entries(lists)) {
    const rows = serials.map((s) => (s.startsWith('R58T') ? `${s},SM-A536B,XEU` : `${s},SM-G991B,BTU`));
    writeFileSync(path.join(dir.work, `${name}.csv`), `Serial,Model,Sales Code\n${rows.join('\n')}\n`);
    const created = await fota('batch', 'create', `${name}.csv`, '--name', name, '--target', 'Latest', '--network', 'ANY', ...(name === 'pilot' ? ['--pilot', '2'] : []));
    expect(created.code, created.err).toBe(0);
  }
  for (const name of ['pilot', 'sent']) {
    const sent = await fota('batch', 'send', name, '--yes');
    expect(sent.code, sent.err).toBe(0);
  }
}, 120_000);
afterAll(() => dir.remove());

describe('batch list, batch audit, unknown options and send ids', () => {
  it('batch list shows each batch state: draft, paused after pilot, sent', async () => {
    const text = await fota('batch', 'list');
    expect(text.code, text.err).toBe(0);
    expect(text.out).toMatch(/^draft {2}\(id .*\n(?: {4}.*\n)*? {4}state: draft; not sent$/m);
    expect(text.out).toMatch(/^pilot {2}\(id .*\n(?: {4}.*\n)*? {4}state: paused after pilot \(1 of 2 calls accepted\); continue with 'fota batch send pilot --continue-pilot'$/m);
    expect(text.out).toMatch(/^sent {2}\(id .*\n(?: {4}.*\n)*? {4}state: sent \(1 of 1 call accepted\); send \d{8}T\d{9}Z-[0-9a-f]{8}$/m);
    const json = JSON.parse((await fota('batch', 'list', '--json')).out) as { batches: Array<{ name: string; state: string }> };
    expect(Object.fromEntries(json.batches.map((b) => [b.name, b.state]))).toEqual({ draft: 'draft', pilot: 'paused-after-pilot', sent: 'sent' });
  });

  it('a send has one id: the journal file is named <batch id>.<send id>.jsonl', async () => {
    const sends = JSON.parse((await fota('batch', 'list', '--json')).out) as { batches: Array<{ id: string; name: string; sendId: string | null }> };
    const journals = readdirSync(path.join(dir.dataDir, 'journals')).filter((f) => f.endsWith('.jsonl')).sort();
    const expected = sends.batches.filter((b) => b.sendId !== null).map((b) => `${b.id}.${b.sendId ?? ''}.jsonl`).sort();
    expect(expected).toHaveLength(2);
    expect(journals).toEqual(expected);
  });

  it('batch audit prints a table, JSON lines with --json, and CSV with -o', async () => {
    const table = await fota('batch', 'audit', '--batch', 'sent');
    expect(table.code, table.err).toBe(0);
    const lines = table.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^time \(UTC\) +user +batch +event +call +result +forceUpdateId \/ code$/);
    expect(table.out).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} +\S+ +sent +call +SM-G991B\/BTU#1 +accepted +\d{11}-JEA\d{8}$/m);
    const json = await fota('batch', 'audit', '--batch', 'sent', '--json');
    expect(json.out.trim().split('\n').map((l) => (JSON.parse(l) as { batchName: string }).batchName)).toContain('sent');
    const csv = await fota('batch', 'audit', '-o', 'audit.csv');
    expect(csv.code, csv.err).toBe(0);
    expect(csv.err).toContain(`to ${path.join(dir.work, 'audit.csv')} (CSV)`);
    expect(readFileSync(path.join(dir.work, 'audit.csv'), 'utf8')).toMatch(/^\uFEFFat,user,host,profile,customerId,batchId/);
  });

  it('an unknown option gets our own message naming it and pointing to --help (exit 2)', async () => {
    for (const args of [['batch', 'list', '--frobnicate'], ['batch', 'send', 'sent', '--yess'], ['import', 'x.csv', '--shet', 'A'], ['license', '--bogus']]) {
      const r = await fota(...args);
      expect(r.code, args.join(' ')).toBe(2);
      const option = args.find((a) => a.startsWith('--')) ?? '';
      const command = args.slice(0, args[0] === 'batch' ? 2 : 1).join(' ');
      expect(r.err).toContain(`fota ${command}: unknown option '${option}'`);
      expect(r.err).toContain(`Run 'fota ${command} --help'`);
      expect(r.err).not.toMatch(/To specify a positional argument/);
    }
  });
});

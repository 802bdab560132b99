// The v1 window under 3 days: the client only warns (Samsung's serverInit page sets no minimum) and
// would send it, but the practice server refuses it by default (the error table's FUD_3002). The dry
// run of a practice batch says so, so practice and preview never disagree silently.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Preview } from '../../../common/batch/preview.ts';
import { INSECURE_MEMORY_SECRETS_ENV } from '../../../main/auth/open-secret-store.ts';
import { runCli } from '../../../main/cli/run.ts';
import { DEFAULT_SWITCHES } from '../../../main/simulator/index.ts';
import { DATA_DIR_ENV } from '../../../main/store/data-folder.ts';
import { memoryIo } from '../../helpers/memory-io.ts';

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'fota-practice-window-'));
  copyFileSync(path.resolve('test/fixtures/batch/serials.txt'), path.join(work, 'serials.txt'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function fota(dataDir: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo({ env: { [DATA_DIR_ENV]: dataDir, [INSECURE_MEMORY_SECRETS_ENV]: '1' }, cwd: work });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

async function planOf(dataDir: string, name: string, end: string): Promise<{ code: number; out: string; preview: Preview }> {
  const created = await fota(dataDir, 'batch', 'create', 'serials.txt', '--model', 'SM-T830', '--sales-code', 'XAR', '--name', name, '--target', 'Latest',
    '--schedule-group', 'WAREHOUSE-TABLETS', '--start', '20301201', '--end', end, '--from', '01', '--to', '04');
  expect(created.code, created.err + created.out).toBe(0);
  const text = await fota(dataDir, 'batch', 'plan', name, '--offline');
  const json = await fota(dataDir, 'batch', 'plan', name, '--offline', '--json');
  expect(json.code).toBe(text.code);
  return { code: text.code, out: text.out, preview: (JSON.parse(json.out) as { preview: Preview }).preview };
}

describe('a delivery window under 3 days in the practice dry run', () => {
  it('the simulator refuses it by default', () => {
    expect(DEFAULT_SWITCHES.serverInitMinDays).toBe(3);
  });

  it('is an error that says the practice server will refuse it (FUD_3002), beside the client\'s warning', async () => {
    const { code, out, preview } = await planOf(path.join(work, 'two-days'), 'two days', '20301203');
    const refusal = preview.findings.find((f) => f.severity === 'error' && f.fud === 'FUD_3002');
    expect(refusal?.message).toMatch(/^The practice server will refuse this schedule with FUD_3002: its delivery window runs 2 days/);
    expect(refusal?.where).toBe('SM-T830/XAR');
    expect(preview.findings.some((f) => f.severity === 'warning' && f.fud === 'FUD_3002' && /Samsung may refuse it/.test(f.message))).toBe(true);
    expect(preview.sendable).toBe(false);
    expect(code).toBe(2);
    expect(out).toMatch(/practice server will refuse this schedule/);
  });

  it('a window of 3 days or more gets no such error', async () => {
    const { preview } = await planOf(path.join(work, 'three-days'), 'three days', '20301204');
    expect(preview.findings.filter((f) => f.fud === 'FUD_3002')).toEqual([]);
  });
});

// The window's side of practice with your own fleet and of the practice clock, through the contract
// (the handler table the window and web mode use): the dry run enrols the list and says so in its
// findings, and the clock the window sets is the one `fota practice clock` shows.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ContractError, PracticeClockView, PreviewView } from '../../../common/contract.ts';
import { runCli } from '../../../main/cli/run.ts';
import { createHandlers, dispatch, type HandlerTable } from '../../../main/ipc/handlers.ts';
import { DATA_DIR_ENV } from '../../../main/store/data-folder.ts';
import { memoryIo } from '../../helpers/memory-io.ts';
import { tempServices } from '../../unit/ipc/temp-services.ts';

type Answer<T> = { ok: true; data: T } | { ok: false; error: ContractError };
const call = async <T>(table: HandlerTable, channel: string, payload: unknown): Promise<Answer<T>> => (await dispatch(table, channel, payload)) as Answer<T>;

async function fota(dataDir: string, args: string[]) {
  const io = memoryIo({ env: { [DATA_DIR_ENV]: dataDir, HOME: dataDir }, cwd: dataDir });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('practice in the window', () => {
  it('the dry run enrols an unknown list and says so among its findings; the clock is shared with the CLI', async () => {
    const t = tempServices();
    const table = createHandlers(t.services);
    try {
      const rows = ['Serial,Model,Sales Code', ...Array.from({ length: 120 }, (_, i) => `RF8WW${String(i + 1).padStart(6, '0')},SM-A546B,DBT`)];
      writeFileSync(path.join(t.dataDir, 'fleet.csv'), `${rows.join('\n')}\n`);
      const created = await fota(t.dataDir, ['batch', 'create', 'fleet.csv', '--name', 'Window trial', '--target', 'Latest', '--network', 'ANY', '--json']);
      expect(created.code, created.err).toBe(0);
      const id = (JSON.parse(created.out) as { batch: { id: string } }).batch.id;

      const preview = await call<PreviewView>(table, 'batches:preview', { id, online: true });
      if (!preview.ok) throw new Error(preview.error.message);
      expect(preview.data.preview.totals.devicesToSend).toBe(120);
      expect(preview.data.preview.findings.find((f) => f.where === 'practice')?.message).toMatch(/^Practice only: 120 devices .* SM-A546B\/DBT got made-up PRACTICE firmware/);

      const read = await call<PracticeClockView>(table, 'practice:clock', { speed: null, finishNow: null });
      expect(read).toEqual({ ok: true, data: { speed: 1, finished: null } });
      const fast = await call<PracticeClockView>(table, 'practice:clock', { speed: 600, finishNow: null });
      expect(fast.ok && fast.data.speed).toBe(600);
      expect(JSON.parse((await fota(t.dataDir, ['practice', 'clock', '--json'])).out)).toMatchObject({ speed: 600 });

      const unsent = await call<PracticeClockView>(table, 'practice:clock', { speed: null, finishNow: id });
      expect(unsent.ok ? null : unsent.error.code).toBe('NOT_FOUND');
      const bad = await call<PracticeClockView>(table, 'practice:clock', { speed: 10, finishNow: null });
      expect(bad.ok ? null : bad.error.code).toBe('INVALID_INPUT');
    } finally {
      await t.dispose();
    }
  });
});

// The dry run holds back devices whose latest push (a force update of an earlier batch) is still
// open, naming the forceUpdateId that holds each: a batch sent to the practice tenant, then a second
// batch of the same devices.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Preview } from '../../../common/batch/preview.ts';
import { auditLogPath } from '../../../main/batches/audit-log.ts';
import { runCli } from '../../../main/cli/run.ts';
import { DATA_DIR_ENV } from '../../../main/store/data-folder.ts';
import { memoryIo } from '../../helpers/memory-io.ts';

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'fota-open-'));
  // The first SALES-PHONES devices of the demo (practice) tenant.
  const rows = ['Serial,Model,Sales Code', ...[1, 2, 3, 4].map((i) => `R58N1SP000${i},SM-G991B,BTU`)];
  writeFileSync(path.join(work, 'phones.csv'), `${rows.join('\n')}\n`);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function fota(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo({ env: { [DATA_DIR_ENV]: path.join(work, 'data') }, cwd: work });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('open force updates in the dry run', () => {
  it('holds back the devices of an unfinished force update sent by an earlier batch, naming it', async () => {
    expect((await fota('batch', 'create', 'phones.csv', '--name', 'First', '--target', 'Latest', '--network', 'WIFIONLY')).code).toBe(0);
    const sent = await fota('batch', 'send', 'First', '--yes');
    expect(sent.code).toBe(0);
    const id = /accepted forceUpdateId (\S+)/.exec(sent.out + sent.err)?.[1];
    expect(id).toBeDefined();
    // Sent through the active (practice) profile: the confirmation and the audit log name it.
    expect(sent.out).toMatch(/Tenant: profile 'practice', customer ID EEEE4444-FF55-AA66-BB77-CCCCCC888888/);
    const audit = readFileSync(auditLogPath(path.join(work, 'data')), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { profile?: string });
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.every((e) => typeof e.profile === 'string' && e.profile === 'practice')).toBe(true);
    expect((await fota('batch', 'create', 'phones.csv', '--name', 'Second', '--target', 'Latest', '--network', 'WIFIONLY')).code).toBe(0);

    const plan = await fota('batch', 'plan', 'Second', '--offline', '--json');
    const preview = (JSON.parse(plan.out) as { preview: Preview }).preview;
    expect(preview.summary.heldBack.map((u) => [u.serial, u.forceUpdateId, u.batchName])).toEqual(
      ['R58N1SP0001', 'R58N1SP0002', 'R58N1SP0003', 'R58N1SP0004'].map((s) => [s, id, 'First']),
    );
    expect(preview.findings.find((f) => f.message.startsWith('4 devices of this batch (R58N1SP0001, R58N1SP0002, R58N1SP0003, R58N1SP0004) are held back'))?.severity).toBe('warning');
    // Every device held back: nothing to send, said as it is (exit 2).
    expect(plan.code).toBe(2);
    expect(preview.summary.nothingToSend).toBe('Nothing to send: 4 devices held back because their latest force update is still open.');
    const text = await fota('batch', 'plan', 'Second', '--offline');
    expect(text.code).toBe(2);
    expect(text.out).toMatch(new RegExp(`Held back — their latest push is still open, so they are NOT sent \\(4\\):\\n {2}R58N1SP0001 {2}force update ${id ?? ''} of batch 'First' \\(sent\\)`));
    expect(text.err).toMatch(/Nothing to send: 4 devices held back/);
  });
});

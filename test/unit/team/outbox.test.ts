// The outbox file on its own: entries read back in order from an offset, a line still being written
// left for later, a fragment left by a crash skipped without swallowing the next entry, and the
// acknowledged offset kept atomically.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendToOutbox, closeOutbox, outboxBacklog, outboxFile, readAck, readPending, writeAck } from '../../../main/store/team/outbox.ts';
import { auditKey, type OutboxEntry } from '../../../main/store/team/outbox-entry.ts';
import { replicaSinkOf } from '../../../main/store/team/replica-sink.ts';
import { writeConnection } from '../../../main/store/team/team-config.ts';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'fota-outbox-'));
});
afterEach(async () => {
  await closeOutbox(dataDir);
  rmSync(dataDir, { recursive: true, force: true });
});

const audit = (n: number): OutboxEntry => {
  const entry = { at: `2026-12-02T10:00:0${n % 10}.000Z`, event: 'call', sendId: 's1', customerId: 'C1', n };
  return { k: 'audit', customerId: 'C1', key: auditKey(entry), entry };
};

describe('the outbox', () => {
  it('reads entries back in order, from an offset, at most `max` at a time', async () => {
    await appendToOutbox(dataDir, [audit(1), audit(2), audit(3)]);
    const first = readPending(dataDir, 0, 2);
    expect(first.entries).toEqual([audit(1), audit(2)]);
    const rest = readPending(dataDir, first.end, 10);
    expect(rest.entries).toEqual([audit(3)]);
    expect(readPending(dataDir, rest.end, 10)).toEqual({ entries: [], end: rest.end, skipped: 0 });
    expect(outboxBacklog(dataDir)).toMatchObject({ entries: 3 });
    writeAck(dataDir, { offset: first.end, lastSync: '2026-12-02T10:00:00.000Z' });
    expect(readAck(dataDir)).toEqual({ offset: first.end, lastSync: '2026-12-02T10:00:00.000Z' });
    expect(outboxBacklog(dataDir)).toMatchObject({ entries: 1 });
  });

  it('leaves a line without its line break for later; a crash fragment is skipped and the next entry still read', async () => {
    await appendToOutbox(dataDir, [audit(1)]);
    await closeOutbox(dataDir);
    appendFileSync(outboxFile(dataDir), '{"k":"audit","customerId":"C1","ke');
    const partial = readPending(dataDir, 0, 10);
    expect(partial.entries).toEqual([audit(1)]);
    // The next writer (after the crash) starts on a new line.
    await appendToOutbox(dataDir, [audit(2)]);
    const all = readPending(dataDir, 0, 10);
    expect(all.entries).toEqual([audit(1), audit(2)]);
    expect(all.skipped).toBe(1);
  });

  it('an unreadable acknowledgement starts again from the beginning (the server ignores what it has)', () => {
    writeAck(dataDir, { offset: 10, lastSync: null });
    writeFileSync(path.join(dataDir, 'team', 'outbox-ack.json'), '{not json');
    expect(readAck(dataDir)).toEqual({ offset: 0, lastSync: null });
  });

  it('has no sink in solo mode, and one once the data folder is connected', () => {
    expect(replicaSinkOf(dataDir)).toBeNull();
    writeConnection(dataDir, { v: 1, host: 'localhost', port: 5432, database: 'd', user: 'u', tls: 'off', caPem: null, connectedAt: '2026-12-02T10:00:00.000Z' });
    expect(replicaSinkOf(dataDir)).not.toBeNull();
  });
});

// The log writes off the caller's path and heals itself: a write that fails (the logs folder gone,
// or something else in its place) keeps its lines, and they reach the disk, in order and redacted,
// once the folder is back and the back-off has passed on the injected clock. Exit writes what is
// still queued. (Tests run as root here, so "not writable" is made by putting a file where the
// folder belongs, or a folder where the file belongs, which fails for root too.)
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../../common/clock.ts';
import { lastLogLines } from '../../../main/log/diagnostics.ts';
import { MAX_PENDING_LINES, RETRY_FIRST_MS } from '../../../main/log/log-file.ts';
import { appLog, Logger, LOG_FILE, logDir } from '../../../main/log/logger.ts';
import { Redactor } from '../../../main/log/redactor.ts';

const TOKEN = 'tok-PLANTED-5e4d3c2b1a09f8e7d6c5b4a392817060';

let root: string;
let dir: string;
let clock: ManualClock;
let redactor: Redactor;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'fota-log-heal-'));
  dir = path.join(root, 'logs');
  clock = new ManualClock(Date.UTC(2030, 5, 1));
  redactor = new Redactor();
  redactor.addSecret(TOKEN);
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function logged(): string[] {
  const file = path.join(dir, LOG_FILE);
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l) => l !== '') : [];
}

/** Puts a file where the logs folder belongs: every write fails until `restore`. */
function breakFolder(): { restore: () => void } {
  rmSync(dir, { recursive: true, force: true });
  writeFileSync(dir, 'not a folder');
  return { restore: () => rmSync(dir, { force: true }) };
}

/** Puts a folder where the log file belongs (keeping the file aside): appends fail until `restore`. */
function breakFile(): { restore: () => void } {
  const file = path.join(dir, LOG_FILE);
  renameSync(file, `${file}.aside`);
  mkdirSync(file);
  return {
    restore: () => {
      rmSync(file, { recursive: true });
      renameSync(`${file}.aside`, file);
    },
  };
}

describe('a log that heals itself', () => {
  it('keeps the lines of a failed write and writes them, in order, once the file can be written again', async () => {
    const log = new Logger({ dir, redactor, clock });
    log.info(`one Bearer ${TOKEN}`);
    await log.flush();
    const broken = breakFile();
    log.info(`two ${TOKEN}`);
    await log.flush();
    log.info('three', { accessToken: TOKEN });
    // Nothing lost, nothing secret even in memory, and diagnostics still shows them.
    expect(log.unwritten().map((l) => l.replace(/^\S+ INFO +/, ''))).toEqual(['two [redacted]', 'three {"accessToken":"[redacted]"}']);
    expect(lastLogLines(log).slice(-2)).toEqual(log.unwritten());

    broken.restore();
    clock.advance(RETRY_FIRST_MS);
    log.info('four');
    // No flush: the next line after the back-off takes the queue with it.
    await vi.waitFor(() => expect(logged()).toHaveLength(4));
    const lines = logged();
    expect(lines.map((l) => /INFO +(\w+)/.exec(l)?.[1])).toEqual(['one', 'two', 'three', 'four']);
    expect(lines.join('\n')).not.toContain(TOKEN);
    expect(log.unwritten()).toEqual([]);
  });

  it('waits for the back-off on the injected clock before trying again, and flush tries at once', async () => {
    const log = new Logger({ dir, redactor, clock });
    const broken = breakFolder();
    log.info('first');
    await log.flush();
    broken.restore();
    log.info('second');
    // Within the back-off nothing is tried: the lines stay queued however long the real clock runs.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(existsSync(dir)).toBe(false);
    expect(log.unwritten()).toHaveLength(2);
    await log.flush();
    expect(logged().map((l) => /INFO +(\w+)/.exec(l)?.[1])).toEqual(['first', 'second']);
  });

  it('writes again into a logs folder that was removed meanwhile', async () => {
    const log = new Logger({ dir, redactor, clock });
    log.info('before');
    await log.flush();
    rmSync(dir, { recursive: true, force: true });
    log.info('after');
    await log.flush();
    expect(logged()).toHaveLength(1);
    expect(logged()[0]).toMatch(/INFO +after$/);
  });

  it('keeps thousands of lines in order across a failure, and says how many it had to drop', async () => {
    const log = new Logger({ dir, redactor, clock, maxBytes: 64 * 1024 * 1024 });
    for (let i = 0; i < 500; i++) log.info(`line ${i}`);
    await log.flush();
    const broken = breakFile();
    for (let i = 500; i < 600 + MAX_PENDING_LINES; i++) log.info(`line ${i}`);
    await log.flush();
    broken.restore();
    await log.flush();
    const lines = logged();
    expect(lines[0]).toMatch(/INFO +line 0$/);
    const note = lines.findIndex((l) => l.includes('dropped'));
    expect(lines[note]).toMatch(/WARN +100 log line\(s\) were dropped while the log folder could not be written$/);
    // The 100 oldest queued lines went; everything else is there, in order.
    const numbers = lines.filter((l) => !l.includes('dropped')).map((l) => Number(/line (\d+)$/.exec(l)?.[1]));
    expect(numbers).toEqual([...Array.from({ length: 500 }, (_, i) => i), ...Array.from({ length: MAX_PENDING_LINES }, (_, i) => 600 + i)]);
    expect(note).toBe(500);
  });

  it('writes what is queued synchronously on flushSync (for the last moments of a process)', () => {
    const log = new Logger({ dir, redactor, clock });
    log.info(`queued ${TOKEN}`);
    log.warn('and another');
    log.flushSync();
    expect(logged()).toHaveLength(2);
    expect(logged()[0]).toMatch(/INFO +queued \[redacted\]$/);
  });

  it("writes the process log's queue when the process exits", () => {
    const before = new Set(process.listeners('exit'));
    const log = appLog(root, {});
    const added = process.listeners('exit').filter((l) => !before.has(l));
    expect(added).toHaveLength(1);
    log.info('logged just before exit');
    for (const listener of added) {
      listener.call(process, 0);
      process.removeListener('exit', listener);
    }
    expect(readFileSync(path.join(logDir(root), LOG_FILE), 'utf8')).toMatch(/INFO +logged just before exit\n$/);
  });
});

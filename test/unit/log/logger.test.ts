// The log redacts by itself: planted tokens and secrets, in every shape a caller might pass them,
// never reach any log file (every rotated file is scanned), and diagnostics carry none either.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../common/clock.ts';
import { collectDiagnostics, diagnosticsText, parseFailureLine } from '../../../main/log/diagnostics.ts';
import { Logger, LOG_FILE } from '../../../main/log/logger.ts';
import { processRedactor, Redactor, registerSecret } from '../../../main/log/redactor.ts';
import { runCli } from '../../../main/cli/run.ts';
import { DATA_DIR_ENV } from '../../../main/store/data-folder.ts';
import { memoryIo } from '../../helpers/memory-io.ts';

const TOKEN = 'tok-PLANTED-9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const SECRET = 'sec-PLANTED-client-secret-Zx81Qm';
const UNREGISTERED = 'aaaa1111-bb22-cc33-dd44-eeeeee555555';
const CUSTOMER = '3F2A91C4-7B10-4D2E-9A55-0C6E81B2D7F3';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'fota-log-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function allLogText(folder: string): string {
  return readdirSync(folder)
    .filter((f) => f.startsWith(LOG_FILE))
    .map((f) => readFileSync(path.join(folder, f), 'utf8'))
    .join('\n');
}

function plant(log: Logger): void {
  log.info(`request sent with Authorization: Bearer ${TOKEN}`);
  log.info('token call', { headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/xml' }, body: `grant_type=client_credentials&client_secret=${SECRET}` });
  log.warn(`answer {"access_token":"${TOKEN}","token_type":"bearer","expires_in":3600}`);
  log.error('unexpected', { error: new Error(`failed while using ${SECRET}`), clientSecret: SECRET, accessToken: TOKEN });
  log.info(`the raw token ${TOKEN} and an unregistered one ${UNREGISTERED}`);
  log.info(`pasted: client_secret: ${SECRET.toUpperCase()}`);
  log.failure('forceUpdateSummary', 'FUD_3038', `E-FOTA answered FUD_3038 for 10720300601-JEA00000001 (token ${TOKEN})`, { customerId: CUSTOMER });
}

describe('the redacting logger', () => {
  it('never writes a planted token or secret, whatever shape it comes in', async () => {
    const redactor = new Redactor();
    redactor.addSecret(TOKEN);
    redactor.addSecret(SECRET);
    redactor.allow(CUSTOMER);
    const log = new Logger({ dir, redactor, clock: new ManualClock(Date.UTC(2030, 5, 1)) });
    plant(log);
    await log.flush();
    const text = allLogText(dir);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(SECRET.toUpperCase());
    expect(text).not.toContain(UNREGISTERED);
    expect(text).not.toContain('9f8e7d6c5b4a39281706f5e4d3c2b1a0');
    // what support needs is still there
    expect(text).toContain('10720300601-JEA00000001');
    expect(text).toContain(CUSTOMER);
    expect(text).toContain('Authorization: [redacted]');
    expect(text.split('\n').filter(Boolean)).toHaveLength(7);
    expect(statSync(path.join(dir, LOG_FILE)).mode & 0o077).toBe(0);
  });

  it('redacts secret shapes even when nobody registered them', async () => {
    const log = new Logger({ dir, redactor: new Redactor() });
    plant(log);
    await log.flush();
    const text = allLogText(dir);
    expect(text).not.toContain(`Bearer ${TOKEN}`);
    expect(text).not.toContain(`"access_token":"${TOKEN}"`);
    expect(text).not.toContain(`client_secret=${SECRET}`);
    expect(text).not.toContain(UNREGISTERED);
    expect(text).toMatch(/"clientSecret":"\[redacted\]"/);
  });

  it('rotates at the size limit, keeps at most 10 files, and no rotated file holds a secret', async () => {
    registerSecret(TOKEN);
    const log = new Logger({ dir, maxBytes: 4096, clock: new ManualClock(Date.UTC(2030, 5, 1)) });
    expect(log.redactor).toBe(processRedactor);
    for (let i = 0; i < 600; i++) log.info(`line ${String(i).padStart(4, '0')} Bearer ${TOKEN} Authorization=${TOKEN}`, { i, access_token: TOKEN });
    await log.flush();
    const files = readdirSync(dir).filter((f) => f.startsWith(LOG_FILE));
    expect(files.sort()).toEqual([LOG_FILE, ...Array.from({ length: 9 }, (_, n) => `${LOG_FILE}.${n + 1}`)].sort());
    for (const f of files) expect(statSync(path.join(dir, f)).size).toBeLessThanOrEqual(4096);
    const text = allLogText(dir);
    expect(text).not.toContain(TOKEN);
    expect(text).toContain('line 0599');
    expect(text).not.toContain('line 0000');
    expect(log.files().at(-1)).toBe(path.join(dir, LOG_FILE));
    expect(readFileSync(log.files()[0] ?? '', 'utf8') < readFileSync(path.join(dir, LOG_FILE), 'utf8')).toBe(true);
  });
});

describe('diagnostics', () => {
  it('holds the version, the OS, the failing operation with its FUD code and the last 200 lines, redacted', async () => {
    const redactor = new Redactor();
    redactor.addSecret(TOKEN);
    redactor.addSecret(SECRET);
    const log = new Logger({ dir, redactor, maxBytes: 64 * 1024 });
    for (let i = 0; i < 250; i++) log.info(`event ${i}`);
    plant(log);
    log.info('after the failure');
    const d = collectDiagnostics(log, { appVersion: '9.9.9' });
    expect(d.logLines).toHaveLength(200);
    expect(d.logLines.at(-1)).toMatch(/after the failure$/);
    expect(d.failure).toMatchObject({ operation: 'forceUpdateSummary', code: 'FUD_3038' });
    const text = diagnosticsText(d);
    expect(text).toMatch(/^FOTA Desk diagnostics/);
    expect(text).toContain('App version: 9.9.9');
    expect(text).toMatch(/OS: \S+/);
    expect(text).toContain('Failing operation: forceUpdateSummary');
    expect(text).toContain('FUD code / error: FUD_3038');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(SECRET);
    // a fresh process finds the failure in the log file itself
    await log.flush();
    const reread = collectDiagnostics(new Logger({ dir, redactor: new Redactor() }));
    expect(reread.failure).toMatchObject({ operation: 'forceUpdateSummary', code: 'FUD_3038' });
    expect(parseFailureLine('2030-06-01T00:00:00.000Z INFO  nothing')).toBeNull();
  });

  it('fota diagnostics prints the report of the data folder', async () => {
    const dataDir = path.join(dir, 'data');
    const log = new Logger({ dir: path.join(dataDir, 'logs'), redactor: new Redactor() });
    log.failure('forceUpdate', 'FUD_3031', `refused; Bearer ${TOKEN}`);
    await log.flush();
    const io = memoryIo({ env: { [DATA_DIR_ENV]: dataDir }, cwd: dir });
    expect(await runCli(['diagnostics'], io)).toBe(0);
    expect(io.out()).toMatch(/App version: \d+\.\d+\.\d+/);
    expect(io.out()).toContain('FUD code / error: FUD_3031');
    expect(io.out()).not.toContain(TOKEN);
    const json = memoryIo({ env: { [DATA_DIR_ENV]: dataDir }, cwd: dir });
    expect(await runCli(['diagnostics', '--json'], json)).toBe(0);
    expect((JSON.parse(json.out()) as { result: { failure: { operation: string } } }).result.failure.operation).toBe('forceUpdate');
  });
});

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../common/clock.ts';
import { withFileLock, LockTimeoutError } from '../../../main/store/file-lock.ts';
import { openSettings } from '../../../main/store/open-settings.ts';
import { recordServerInitSalesCode, serverInitSalesCode } from '../../../main/store/facts.ts';
import { addProfile } from '../../../main/store/profiles.ts';
import { SettingsTooNewError } from '../../../main/store/settings-migrations.ts';
import { SETTINGS_SCHEMA_VERSION } from '../../../main/store/settings-schema.ts';

const input = (name: string) => ({ name, mdmId: 'd1e2f3g4h5', customerId: 'EEEE4444-FF55-AA66-BB77-CCCCCC888888', license: 'EFOTA1-fff555-ggg666-hh77' });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'fota-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('settings file', () => {
  it('loads defaults when there is no file, and writes nothing', async () => {
    const settings = await openSettings(dir).load();
    expect(settings).toEqual({ schemaVersion: SETTINGS_SCHEMA_VERSION, activeProfileId: 'practice', profiles: [], facts: {}, notices: [] });
    expect(existsSync(path.join(dir, 'settings.json'))).toBe(false);
  });

  it.each([
    ['broken JSON', '{"schemaVersion": 2, "profiles": ['],
    ['a JSON list', '[]'],
    ['a bare number', '42'],
    ['a profile with an http:// URL', JSON.stringify({ schemaVersion: 2, activeProfileId: 'practice', profiles: [{ id: 'p-1', name: 'x', baseUrl: 'http://example.com', mdmId: 'A', customerId: 'B', license: 'C', createdAt: '2026-01-01T00:00:00.000Z' }] })],
    ['no schemaVersion', JSON.stringify({ profiles: [] })],
  ])('moves %s aside to settings.json.corrupt-<time>, reports it and loads defaults', async (_label, content) => {
    writeFileSync(path.join(dir, 'settings.json'), content);
    const clock = new ManualClock(Date.parse('2026-11-22T10:15:30.123Z'));
    const seen: string[] = [];
    const settings = await openSettings(dir, { clock, onNotice: (n) => seen.push(n.movedTo) }).load();
    const aside = path.join(dir, 'settings.json.corrupt-2026-11-22T10-15-30-123Z');
    expect(readFileSync(aside, 'utf8')).toBe(content); // nothing lost
    expect(settings.profiles).toEqual([]);
    expect(settings.activeProfileId).toBe('practice');
    expect(settings.notices).toEqual([expect.objectContaining({ kind: 'settings-moved-aside', movedTo: aside, at: '2026-11-22T10:15:30.123Z' })]);
    expect(seen).toEqual([aside]);
    // the report persists for the next process, and the file is readable again
    const again = await openSettings(dir).load();
    expect(again.notices).toHaveLength(1);
  });

  it('migrates an older schema version, keeping a backup of the old file', async () => {
    const v1 = { schemaVersion: 1, active: 'Acme', profiles: { Acme: { url: 'https://eu-api.samsungknox.com/', mdmId: 'd1e2f3g4h5', customerId: 'C-1', license: 'L-1' }, Beta: { mdmId: 'X', customerId: 'Y', license: 'Z' } } };
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(v1));
    const settings = await openSettings(dir).load();
    expect(settings.schemaVersion).toBe(SETTINGS_SCHEMA_VERSION);
    expect(settings.profiles.map((p) => p.name)).toEqual(['Acme', 'Beta']);
    const acme = settings.profiles.find((p) => p.name === 'Acme');
    expect(acme).toMatchObject({ baseUrl: 'https://eu-api.samsungknox.com', mdmId: 'D1E2F3G4H5', customerId: 'C-1', license: 'L-1' });
    expect(acme?.id).toMatch(/^p-[0-9a-f]{12}$/);
    expect(settings.activeProfileId).toBe(acme?.id);
    expect(settings.profiles.find((p) => p.name === 'Beta')?.baseUrl).toBe('https://eu-api.samsungknox.com');
    // written back as the current version, and the version-1 file kept
    expect(JSON.parse(readFileSync(path.join(dir, 'settings.json'), 'utf8'))).toMatchObject({ schemaVersion: SETTINGS_SCHEMA_VERSION });
    expect(JSON.parse(readFileSync(path.join(dir, 'settings.json.v1-backup'), 'utf8'))).toEqual(v1);
    expect(settings.notices).toEqual([]);
  });

  it('migrates version 2 to 3 (the serverInit sales-code element per profile), keeping every fact', async () => {
    const facts = { 'p-000000000001': { license: { at: '2030-01-01T00:00:00.000Z', value: { licenseStatus: 'Normal' } }, firmware: {} } };
    const v2 = { schemaVersion: 2, activeProfileId: 'practice', profiles: [], facts, notices: [] };
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(v2));
    const file = openSettings(dir);
    const settings = await file.load();
    expect(settings).toMatchObject({ schemaVersion: 3, facts });
    expect(serverInitSalesCode(settings, 'p-000000000001')).toBeNull();
    await recordServerInitSalesCode(file, 'p-000000000001', 'customerCode', Date.UTC(2030, 0, 2));
    const again = await openSettings(dir).load();
    expect(serverInitSalesCode(again, 'p-000000000001')).toEqual({ element: 'customerCode', at: '2030-01-02T00:00:00.000Z' });
    expect(again.facts['p-000000000001']?.license).toEqual(facts['p-000000000001'].license);
    expect(JSON.parse(readFileSync(path.join(dir, 'settings.json.v2-backup'), 'utf8'))).toEqual(v2);
  });

  it('refuses a remembered sales-code element that is neither name', async () => {
    const bad = { schemaVersion: 3, activeProfileId: 'practice', profiles: [], facts: { practice: { firmware: {}, serverInitSalesCode: { at: '2030-01-01T00:00:00.000Z', element: 'salesCode' } } }, notices: [] };
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(bad));
    const settings = await openSettings(dir).load();
    expect(settings.notices[0]?.problem).toMatch(/serverInit sales-code element of 'practice' is not carrierCode or customerCode/);
  });

  it('names the place of every problem by its path, e.g. profiles[1].baseUrl', async () => {
    const profile = { id: 'p-000000000001', name: 'Acme', baseUrl: 'https://eu-api.samsungknox.com', mdmId: 'M', customerId: 'C', license: 'L', createdAt: '2030-01-01T00:00:00.000Z' };
    const { baseUrl: _dropped, ...noUrl } = { ...profile, id: 'p-000000000002', name: 'Beta' };
    const bad = { schemaVersion: 3, activeProfileId: 'practice', profiles: [profile, noUrl], facts: {}, notices: [] };
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(bad));
    const settings = await openSettings(dir).load();
    expect(settings.notices[0]?.problem).toBe('profiles[1].baseUrl: expected text, found nothing');
  });

  it.each([
    // The old hand-written check let this one through (it never looked at currentFirmware).
    ['a firmware list whose currentFirmware is not text', { firmware: { 'SM-G991B/BTU': { at: '2030-01-01T00:00:00.000Z', value: [], model: 'SM-G991B', salesCode: 'BTU', currentFirmware: 42 } } }, 'facts.practice.firmware.SM-G991B/BTU.currentFirmware: expected text, found number 42'],
    ['a licence fact without a value', { firmware: {}, license: { at: '2030-01-01T00:00:00.000Z' } }, 'facts.practice.license.value: expected a value, found nothing'],
  ])('refuses %s, naming the field', async (_name, practiceFacts, problem) => {
    const bad = { schemaVersion: 3, activeProfileId: 'practice', profiles: [], facts: { practice: practiceFacts }, notices: [] };
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(bad));
    const settings = await openSettings(dir).load();
    expect(settings.notices[0]?.problem).toBe(problem);
    expect(readdirSync(dir).filter((f) => f.includes('corrupt'))).toHaveLength(1);
  });

  it('refuses a file from a newer FOTA Desk and leaves it untouched', async () => {
    const newer = JSON.stringify({ schemaVersion: 99, whatever: true });
    writeFileSync(path.join(dir, 'settings.json'), newer);
    await expect(openSettings(dir).load()).rejects.toThrow(SettingsTooNewError);
    await expect(openSettings(dir).update((s) => s)).rejects.toThrow(/newer FOTA Desk.*schema 99/);
    expect(readFileSync(path.join(dir, 'settings.json'), 'utf8')).toBe(newer);
    expect(readdirSync(dir).filter((f) => f.includes('corrupt'))).toEqual([]);
  });

  it('re-reads under the lock, so two writers with stale copies both keep their change', async () => {
    const a = openSettings(dir);
    const b = openSettings(dir);
    await a.load();
    await b.load();
    await Promise.all([addProfile(a, input('A'), { now: Date.now() }), addProfile(b, input('B'), { now: Date.now() })]);
    expect((await openSettings(dir).load()).profiles.map((p) => p.name).sort()).toEqual(['A', 'B']);
  });
});

describe('file lock', () => {
  it('waits for a live holder and then runs', async () => {
    const lock = path.join(dir, 'x.lock');
    const order: string[] = [];
    let release: () => void = () => undefined;
    const held = withFileLock(lock, () => new Promise<void>((r) => { order.push('first'); release = r; }));
    await new Promise((r) => setTimeout(r, 20));
    const second = withFileLock(lock, () => void order.push('second'));
    await new Promise((r) => setTimeout(r, 50));
    expect(order).toEqual(['first']);
    release();
    await Promise.all([held, second]);
    expect(order).toEqual(['first', 'second']);
    expect(existsSync(lock)).toBe(false);
  });

  it('recovers a lock left by a dead process on this host', async () => {
    const lock = path.join(dir, 'x.lock');
    // pid 2^22+1 is above Linux's pid_max default range in practice; check it is not alive
    const deadPid = 4_194_301;
    expect(() => process.kill(deadPid, 0)).toThrow();
    writeFileSync(lock, JSON.stringify({ pid: deadPid, host: hostname(), time: new Date().toISOString(), token: 'old' }));
    expect(await withFileLock(lock, () => 'ran', { timeoutMs: 2000 })).toBe('ran');
  });

  it('recovers an old lock from another host, but not a fresh one', async () => {
    const lock = path.join(dir, 'x.lock');
    writeFileSync(lock, JSON.stringify({ pid: 1, host: 'other-host', time: new Date(Date.now() - 60_000).toISOString(), token: 'old' }));
    expect(await withFileLock(lock, () => 'ran', { timeoutMs: 2000 })).toBe('ran');
    writeFileSync(lock, JSON.stringify({ pid: 1, host: 'other-host', time: new Date().toISOString(), token: 'fresh' }));
    const error = await withFileLock(lock, () => 'ran', { timeoutMs: 200 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockTimeoutError);
    expect(String(error)).toMatch(/locked by process 1 on other-host/);
    expect(existsSync(lock)).toBe(true); // a live holder's lock is never removed
  });
});

// The whole path a window call takes in web mode — HTTP, the handler table, the services, the E-FOTA
// client — against the real practice simulator and, for a connected tenant, a second simulator.
// Each test starts on a fresh data folder (and a fresh tenant) and makes the state it needs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DOC, startSimulator, type RunningSimulator } from '../../../main/simulator/index.ts';
import type { ContractError } from '../../../common/contract.ts';
import { call, openEvents, startWebFixture, type WebFixture } from './web-server.ts';

let f: WebFixture;
beforeEach(async () => {
  f = await startWebFixture();
});
afterEach(async () => {
  await f.dispose();
});

async function ok<T>(channel: string, payload: unknown): Promise<T> {
  const answer = await call(f, channel, payload);
  const result = JSON.parse(answer.body) as { ok: true; data: T } | { ok: false; error: ContractError };
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.data;
}

async function failed(channel: string, payload: unknown): Promise<ContractError> {
  const result = JSON.parse((await call(f, channel, payload)).body) as { ok: boolean; error: ContractError };
  expect(result.ok).toBe(false);
  return result.error;
}

/** Registers the group the group tests work on (E2E-LAB, on the documentation licence). */
async function registerLabGroup(): Promise<void> {
  await ok('groups:register', { groupId: 'e2e-lab', note: 'lab phones' });
}

describe('practice mode', () => {
  it('starts on the practice profile with nothing fetched yet', async () => {
    const profiles = await ok<{ activeId: string; profiles: { id: string; practice: boolean }[] }>('profiles:list', null);
    expect(profiles.activeId).toBe('practice');
    expect(profiles.profiles[0]).toMatchObject({ id: 'practice', practice: true });
    const license = await ok<{ info: unknown; fetchedAt: string | null }>('license:get', { refresh: false });
    expect(license).toMatchObject({ info: null, fetchedAt: null });
    expect(await ok('status:get', null)).toMatchObject({ state: 'unknown' });
  });

  it('fetches the licence from the simulator and keeps it with its time', async () => {
    const fresh = await ok<{ info: { status: string; type: string }; fetchedAt: string; license: string }>('license:get', { refresh: true });
    expect(fresh.license).toBe(DOC.license);
    expect(fresh.info).toMatchObject({ status: 'Normal', type: 'SA' });
    const kept = await ok<{ fetchedAt: string }>('license:get', { refresh: false });
    expect(kept.fetchedAt).toBe(fresh.fetchedAt);
    expect(await ok('status:get', null)).toMatchObject({ state: 'online', profileId: 'practice' });
  });

  it('registers a group, keeps it with its Corp ID, and announces the change', async () => {
    const before = await ok<{ groups: { groupId: string }[] }>('groups:list', null);
    expect(before.groups.length).toBeGreaterThan(0);
    const events = openEvents(f);
    await events.opened;
    const view = await ok<{ groups: { groupId: string; corpId: string; source: string; license: string }[]; corpIdHint: string }>('groups:register', { groupId: 'e2e-lab', note: 'lab phones' });
    const group = view.groups.find((g) => g.groupId === 'E2E-LAB');
    expect(group).toMatchObject({ source: 'registered', license: DOC.license, corpId: `${DOC.mdmId.toUpperCase()}/${DOC.customerId}/E2E-LAB` });
    expect(view.corpIdHint).toMatch(/MDM/);
    const streamed = await events.wait((body) => body.includes('"groupId":"E2E-LAB"'));
    events.close();
    expect(streamed).toContain('event: groups:changed\ndata: ');
    expect(streamed).toContain('"groupId":"E2E-LAB"');
    const again = await ok<{ groups: { groupId: string }[] }>('groups:list', null);
    expect(again.groups.map((g) => g.groupId)).toContain('E2E-LAB');
  });

  it('passes Samsung’s refusal through with its FUD code', async () => {
    await registerLabGroup();
    // The group is registered on the documentation licence; moving it to a licence of another type is FUD_3039.
    const error = await failed('groups:changeLicense', { groupId: 'E2E-LAB', newLicense: 'EFOTA2-ent001-eee100-ee01' });
    expect(error.code).toMatch(/^FUD_\d{4}$/);
    expect(error.remedy).not.toBeNull();
  });

  it('moves a group to another licence and records it', async () => {
    await registerLabGroup();
    const view = await ok<{ groups: { groupId: string; license: string; licenceChangedAt: string | null }[] }>('groups:changeLicense', { groupId: 'E2E-LAB', newLicense: 'EFOTA1-spr001-new200-aa01' });
    expect(view.groups.find((g) => g.groupId === 'E2E-LAB')).toMatchObject({ license: 'EFOTA1-spr001-new200-aa01' });
    expect(view.groups.find((g) => g.groupId === 'E2E-LAB')?.licenceChangedAt).not.toBeNull();
    const refused = await failed('groups:changeLicense', { groupId: 'E2E-LAB', newLicense: DOC.license });
    expect(refused.code).toBe('NOT_ALLOWED');
  });

  it('forgets a group locally', async () => {
    await registerLabGroup();
    const view = await ok<{ groups: { groupId: string }[] }>('groups:forget', { groupId: 'e2e-lab' });
    expect(view.groups.map((g) => g.groupId)).not.toContain('E2E-LAB');
    expect((await failed('groups:forget', { groupId: 'e2e-lab' })).code).toBe('NOT_FOUND');
  });

  it('explains the enrolment check per category and refuses bad serials before sending', async () => {
    const view = await ok<{ checked: number; healthy: string[]; categories: { title: string; serials: string[]; explanation: string; remedy: string }[]; invalid: { value: string }[] }>(
      'devices:checkEnrolment',
      { serials: [DOC.serials[0], 'r58n1ne0000', 'bad serial!', DOC.serials[0]] },
    );
    expect(view.invalid.map((i) => i.value)).toEqual(['bad serial!']);
    expect(view.checked).toBe(2);
    expect(view.healthy).toContain(DOC.serials[0]);
    const notEnrolled = view.categories.find((c) => c.title === 'Not Enrolled');
    expect(notEnrolled?.serials).toEqual(['R58N1NE0000']);
    expect(notEnrolled?.remedy).toContain('FUD_3031');
  });

  it('keeps preferences and remembered column mappings', async () => {
    expect(await ok('preferences:get', null)).toEqual({ concurrency: 2, exportDelimiter: ',', welcomeDone: false });
    expect(await ok('preferences:update', { exportDelimiter: ';', welcomeDone: true })).toEqual({ concurrency: 2, exportDelimiter: ';', welcomeDone: true });
    expect(await ok('import:getMapping', { headerKey: 'sn\tmodel' })).toBeNull();
    await ok('import:saveMapping', { headerKey: 'sn\tmodel', columns: { serial: 0, model: 1, salesCode: null } });
    expect(await ok('import:getMapping', { headerKey: 'sn\tmodel' })).toMatchObject({ columns: { serial: 0, model: 1, salesCode: null } });
  });
});

describe('a connected tenant', () => {
  let tenant: RunningSimulator;
  beforeEach(async () => {
    tenant = await startSimulator({ seed: 'demo' });
  });
  afterEach(async () => {
    await tenant.close();
  });

  const input = () => ({
    name: 'Lab tenant',
    baseUrl: tenant.url,
    mdmId: tenant.tenant.mdmId,
    customerId: tenant.tenant.customerId,
    license: tenant.tenant.license,
    clientId: tenant.tenant.clientId,
    extraCaPem: tenant.caPem,
  });

  it('tests a draft: a wrong secret is AUTH, the right one answers with the licence', async () => {
    const wrong = await failed('profiles:testDraft', { id: null, profile: input(), secret: 'not-the-secret' });
    expect(wrong.code).toBe('AUTH');
    expect(wrong.message).not.toContain('not-the-secret');
    const right = await ok<{ info: { status: string } }>('profiles:testDraft', { id: null, profile: input(), secret: tenant.tenant.clientSecret });
    expect(right.info.status).toBe('Normal');
    expect((await failed('profiles:testDraft', { id: null, profile: input(), secret: null })).code).toBe('NO_CREDENTIALS');
  });

  /** Saves the tenant as a profile and makes it the active one. */
  const saveLab = () => ok<{ activeId: string; profiles: { id: string; name: string; secretStored: boolean }[] }>('profiles:save', { id: null, profile: input(), secret: tenant.tenant.clientSecret, activate: true });

  it('saves, activates and uses it; the licence comes from that tenant', async () => {
    const saved = await saveLab();
    const lab = saved.profiles.find((p) => p.name === 'Lab tenant');
    expect(saved.activeId).toBe(lab?.id);
    expect(lab?.secretStored).toBe(true);
    expect(JSON.stringify(saved)).not.toContain(tenant.tenant.clientSecret);
    const license = await ok<{ profileId: string; info: { status: string } }>('license:get', { refresh: true });
    expect(license.profileId).toBe(lab?.id);
    const viaTest = await ok<{ profileId: string }>('profiles:test', { id: lab?.id });
    expect(viaTest.profileId).toBe(lab?.id);
  });

  it('shows the last known licence and goes offline when the tenant cannot be reached', async () => {
    await saveLab();
    const fetched = await ok<{ fetchedAt: string }>('license:get', { refresh: true });
    const before = await ok<{ fetchedAt: string }>('license:get', { refresh: false });
    expect(before.fetchedAt).toBe(fetched.fetchedAt);
    await tenant.close();
    const after = await ok<{ fetchedAt: string; info: unknown; refreshError: ContractError | null }>('license:get', { refresh: true });
    expect(after.refreshError?.code).toBe('NETWORK');
    expect(after.fetchedAt).toBe(before.fetchedAt);
    expect(after.info).not.toBeNull();
    const status = await ok<{ state: string; cause: string; since: string }>('status:get', null);
    expect(status.state).toBe('offline');
    expect(status.cause).toMatch(/refused|connect/i);
    expect(Date.parse(status.since)).not.toBeNaN();
  });

  it('switches back to practice, whose state is its own', async () => {
    // Practice was reached; then the tenant's profile became the active one and went offline.
    expect(await ok('license:get', { refresh: true })).toMatchObject({ profileId: 'practice' });
    expect(await ok('status:get', null)).toMatchObject({ profileId: 'practice', state: 'online' });
    await saveLab();
    await ok('license:get', { refresh: true });
    await tenant.close();
    expect((await ok<{ refreshError: ContractError | null }>('license:get', { refresh: true })).refreshError?.code).toBe('NETWORK');
    expect(await ok('status:get', null)).toMatchObject({ state: 'offline' });
    const view = await ok<{ activeId: string }>('profiles:activate', { id: 'practice' });
    expect(view.activeId).toBe('practice');
    expect(await ok('status:get', null)).toMatchObject({ profileId: 'practice', state: 'online' });
  });
});

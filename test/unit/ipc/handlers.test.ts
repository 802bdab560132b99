// The handler table: payloads are checked before any service runs, failures come back as data with
// a code, and a client secret never travels back to the renderer. Each test runs on a data folder
// of its own and makes the profiles it needs.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProfileInput } from '../../../common/contract.ts';
import { KeychainUnavailableError } from '../../../main/auth/keychain-unavailable.ts';
import { AuthError, FudError, ProtocolError, TransportError } from '../../../main/efota/errors.ts';
import { explainFud } from '../../../main/efota/fud.ts';
import { toContractError } from '../../../main/services/contract-error.ts';
import { createHandlers, dispatch } from '../../../main/ipc/handlers.ts';
import { ServiceError } from '../../../main/services/service-error.ts';
import { LockTimeoutError } from '../../../main/store/file-lock.ts';
import { tempServices } from './temp-services.ts';

let fixture: ReturnType<typeof tempServices>;
let table: ReturnType<typeof createHandlers>;
beforeEach(() => {
  fixture = tempServices();
  table = createHandlers(fixture.services);
});
afterEach(() => fixture.dispose());

const SECRET = 'c0ffee00-1234-5678-9abc-def012345678';
const profile: ProfileInput = {
  name: 'Acme EU',
  baseUrl: 'https://eu-api.samsungknox.com',
  mdmId: 'k7q2m9x4tp',
  customerId: '3F2A91C4-7B10-4D2E-9A55-0C6E81B2D7F3',
  license: 'EFOTA1-a1b2c3-d4e5f6-g7h8',
  clientId: '11111111-2222-3333-4444-555555555555',
  extraCaPem: null,
};

describe('payload checks before the services', () => {
  it('refuses a bad payload with INVALID_INPUT and leaves the settings untouched', async () => {
    const result = await table['profiles:save']({ id: null, profile: { ...profile, baseUrl: 'http://eu-api.samsungknox.com' }, secret: null, activate: false });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!result.ok) expect(result.error.message).toContain('https://');
    expect(existsSync(path.join(fixture.dataDir, 'settings.json'))).toBe(false);
  });

  it('uses the E-FOTA element rules for identities (a group ID over 50 bytes)', async () => {
    const result = await table['groups:register']({ groupId: 'G'.repeat(51), note: '' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_INPUT');
      expect(result.error.message).toMatch(/51 bytes.*at most 50/);
    }
  });

  it('refuses unknown fields, wrong types and payloads where none is taken', async () => {
    expect(await table['license:get']({ refresh: 'yes' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await table['groups:forget']({ groupId: 'A', extra: true })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await table['profiles:list']({ anything: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await table['preferences:update']({ concurrency: 99 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('answers an unknown channel name with INVALID_INPUT', async () => {
    expect(await dispatch(table, 'profiles:read-secret', null)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await dispatch(table, '__proto__', null)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('secrets never cross', () => {
  it('stores a secret on save, says it is stored, and never returns it', async () => {
    const saved = await table['profiles:save']({ id: null, profile, secret: SECRET, activate: false });
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    const stored = saved.data.profiles.find((p) => p.name === 'Acme EU');
    expect(stored?.secretStored).toBe(true);
    expect(await fixture.secrets.get(stored?.id ?? '', 'clientSecret')).toBe(SECRET);
    const replaced = await table['profiles:setSecret']({ id: stored?.id ?? '', secret: `${SECRET}-new` });
    const listed = await table['profiles:list'](null);
    for (const answer of [saved, replaced, listed]) expect(JSON.stringify(answer)).not.toContain(SECRET.slice(0, 13));
    expect(Object.keys(stored ?? {})).not.toContain('secret');
  });

  it('deletes the keychain entry with the profile', async () => {
    const saved = await table['profiles:save']({ id: null, profile, secret: SECRET, activate: false });
    const id = saved.ok ? (saved.data.profiles.find((p) => p.name === 'Acme EU')?.id ?? '') : '';
    expect(await fixture.secrets.get(id, 'clientSecret')).not.toBeNull();
    const removed = await table['profiles:delete']({ id });
    expect(removed.ok).toBe(true);
    expect(await fixture.secrets.get(id, 'clientSecret')).toBeNull();
  });

  it('refuses to delete or edit the practice profile', async () => {
    expect(await table['profiles:delete']({ id: 'practice' })).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } });
    expect(await table['profiles:save']({ id: 'practice', profile, secret: null, activate: false })).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } });
    expect(await table['profiles:delete']({ id: 'p-000000000000' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('errors as data', () => {
  it('keeps the FUD code, cause and remedy of a Samsung refusal', () => {
    const error = toContractError(new FudError({ operation: 'groupRegister', explanation: explainFud('FUD_3019'), httpStatus: 400, local: false }));
    expect(error.code).toBe('FUD_3019');
    expect(error.message).toContain('Samsung answered FUD_3019');
    expect(error.remedy).toBe(explainFud('FUD_3019').remedy);
  });

  it('maps each typed failure to its code', () => {
    expect(toContractError(new AuthError({ operation: 'token', httpStatus: 401, message: 'refused' })).code).toBe('AUTH');
    expect(toContractError(new TransportError({ operation: 'licenseInfo', kind: 'refused', mayHaveReachedServer: false, message: 'ECONNREFUSED' })).code).toBe('NETWORK');
    expect(toContractError(new ProtocolError({ operation: 'licenseInfo', problem: 'not-xml', httpStatus: 200, message: 'html' })).code).toBe('PROTOCOL');
    expect(toContractError(new KeychainUnavailableError('unavailable', 'no bus', 'linux')).code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(toContractError(new LockTimeoutError('/x.lock', null)).code).toBe('BUSY');
    expect(toContractError(new ServiceError('NOT_FOUND', 'gone'))).toEqual({ code: 'NOT_FOUND', message: 'gone', remedy: null });
  });

  it('reports a bug as INTERNAL without a stack or a bearer token', () => {
    const bug = new TypeError('cannot read x of Bearer abc.def.ghi');
    const error = toContractError(bug);
    expect(error.code).toBe('INTERNAL');
    expect(error.message).not.toContain('abc.def.ghi');
    expect(error.message).not.toContain('at ');
  });
});

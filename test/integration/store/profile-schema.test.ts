import { describe, expect, it } from 'vitest';
import { SIM_CA_PEM } from '../../../main/simulator/certs.ts';
import { buildProfile, ProfileInputError } from '../../../main/store/profile-schema.ts';

const NOW = Date.parse('2026-11-22T00:00:00Z');
const ok = { name: 'Acme EU', mdmId: ' d1e2f3g4h5\u00a0', customerId: 'EEEE4444-FF55-AA66-BB77-CCCCCC888888', license: 'EFOTA1-fff555-ggg666-hh77' };
const problems = (input: Parameters<typeof buildProfile>[0]): string[] => {
  try {
    buildProfile(input, { otherNames: [], now: NOW });
    return [];
  } catch (error) {
    if (error instanceof ProfileInputError) return [...error.problems];
    throw error;
  }
};

describe('profile input', () => {
  it('normalises what it keeps: eu-api by default, cleaned and upper-cased mdmId, no trailing slash', () => {
    const p = buildProfile({ ...ok, baseUrl: 'https://eu-api.samsungknox.com/' }, { otherNames: [], now: NOW });
    expect(p).toMatchObject({ name: 'Acme EU', baseUrl: 'https://eu-api.samsungknox.com', mdmId: 'D1E2F3G4H5', createdAt: '2026-11-22T00:00:00.000Z' });
    expect(p.id).toMatch(/^p-[0-9a-f]{12}$/);
    expect(buildProfile(ok, { otherNames: [], now: NOW }).baseUrl).toBe('https://eu-api.samsungknox.com');
    expect('caPem' in p).toBe(false);
  });

  it('accepts a PEM CA and stores it; refuses what is not one', () => {
    expect(buildProfile({ ...ok, caPem: SIM_CA_PEM }, { otherNames: [], now: NOW }).caPem).toContain('BEGIN CERTIFICATE');
    expect(problems({ ...ok, caPem: 'hello' })).toEqual([expect.stringMatching(/holds no PEM block/)]);
    expect(problems({ ...ok, caPem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----' })).toEqual([expect.stringMatching(/not a valid X.509 certificate/)]);
    expect(problems({ ...ok, caPem: `${SIM_CA_PEM}\n-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----` })).toEqual([expect.stringMatching(/never a private key/)]);
    // the same CA, added at a time after it expired
    expect(() => buildProfile({ ...ok, caPem: SIM_CA_PEM }, { otherNames: [], now: Date.parse('2199-01-01') })).toThrow(/expired on/);
  });

  it('refuses plain http (except loopback), credentials in the URL, limits and control characters', () => {
    expect(problems({ ...ok, baseUrl: 'http://eu-api.samsungknox.com' })).toEqual([expect.stringMatching(/https:\/\//)]);
    expect(problems({ ...ok, baseUrl: 'http://127.0.0.1:8443' })).toEqual([]);
    expect(problems({ ...ok, baseUrl: 'https://admin:pw@eu-api.samsungknox.com' })).toEqual([expect.stringMatching(/user name or password/)]);
    expect(problems({ ...ok, mdmId: 'M'.repeat(51) })).toEqual([expect.stringMatching(/mdmId is longer than Samsung's limit of 50 bytes/)]);
    expect(problems({ ...ok, license: 'L\u0007X' })).toEqual([expect.stringMatching(/licence contains an invisible control character/)]);
    expect(problems({ name: '', mdmId: '', customerId: '', license: '' })).toHaveLength(4);
  });

  it('keeps names unique (case-insensitively) and away from "practice"', () => {
    expect(() => buildProfile(ok, { otherNames: ['ACME eu'], now: NOW })).toThrow(/already exists/);
    expect(problems({ ...ok, name: 'Practice' })).toEqual([expect.stringMatching(/reserved/)]);
  });
});

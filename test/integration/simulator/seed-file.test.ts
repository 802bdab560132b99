// The seed file format: a custom tenant works end to end; a broken one is refused with the field named.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoSeed, emptySeed, parseSeed, SeedError, startSimulator, type RunningSimulator } from '../../../main/simulator/index.ts';
import { element, FIXTURES, PATH, SimHttp } from './http.ts';

const json = (name: string): unknown => JSON.parse(readFileSync(resolve(FIXTURES, 'seed-files', name), 'utf8'));
const running: Array<{ sim: RunningSimulator; http: SimHttp }> = [];
afterEach(async () => {
  for (const { sim, http } of running.splice(0)) {
    await http.close();
    await sim.close();
  }
});

describe('a custom seed', () => {
  it('serves its own tenant, clients, overrides and relative dates', async () => {
    const sim = await startSimulator({ seed: parseSeed(json('small-tenant.json')) });
    const http = new SimHttp(sim);
    running.push({ sim, http });
    expect(sim.tenant).toMatchObject({ mdmId: 'Q1W2E3R4T5', groupId: 'PILOT', groupRegistered: true, clientId: '11111111-2222-3333-4444-555555555555' });
    expect(sim.tenant.devices.map((d) => d.serialNumber)).toEqual(['R58P1PI0001']);
    const body = '<B2bLicenseInfoVO><mdmId>q1w2e3r4t5</mdmId><customerId>AAAA1111-BB22-CC33-DD44-EEEEEE555555</customerId><license>EFOTA1-abc123-def456-gh78</license></B2bLicenseInfoVO>';
    const reply = await http.post(PATH.licenseInfo, body);
    expect(reply.status, reply.text).toBe(200);
    expect(element(reply.text, 'remainingQuantity')).toBe('770'); // the documentation's odd 770 of 700 can be reproduced
    expect(element(reply.text, 'blockedDeviceCount')).toBe('20');
    // the demo client does not exist here
    const refused = await http.form({ grant_type: 'client_credentials', client_id: '5a1e7c2d-0b3f-4e69-8d21-c4f0a9b7e356', client_secret: 'd3b07384-d113-4ec6-a8f1-96e7c1f2a0b4' });
    expect(refused.status).toBe(401);
  });

  it('the demo and empty seeds pass their own validation (so --print-seed output is a valid starting point)', () => {
    expect(() => parseSeed(JSON.parse(JSON.stringify(demoSeed())))).not.toThrow();
    expect(() => parseSeed(JSON.parse(JSON.stringify(emptySeed())))).not.toThrow();
  });

  it('the empty tenant has a licence and nothing registered', async () => {
    const sim = await startSimulator({ seed: 'empty' });
    running.push({ sim, http: new SimHttp(sim) });
    expect(sim.tenant).toMatchObject({ license: 'EFOTA1-fff555-ggg666-hh77', groupId: 'EMMGID12312323', groupRegistered: false, devices: [] });
    expect(sim.state.groups()).toHaveLength(0);
  });
});

describe('a broken seed is refused with the field named', () => {
  it.each([
    ['a group pointing at a missing licence', json('bad-group-licence.json'), /groups\[0\]\.license 'EFOTA1-no-such-licence' is not in seed\.licenses/],
    ['a date in another format', json('bad-date.json'), /licenses\[0\]\.activeFrom '01\/02\/2030' is not a date/],
    ['no version', { licenses: [] }, /version must be 1/],
    ['an array', [], /must be a JSON object/],
    ['a device with a bad serial', { version: 1, devices: [{ serialNumber: 'R58-1', model: 'SM-G991B', salesCode: 'BTU', firmware: 'X' }] }, /devices\[0\]\.serialNumber 'R58-1' is not valid/],
    ['an enrolled device without a corp ID', { version: 1, devices: [{ serialNumber: 'R581', model: 'SM-G991B', salesCode: 'BTU', firmware: 'X', state: 'enrolled' }] }, /devices\[0\]\.corpId is required/],
    ['an SA licence without seats', { version: 1, licenses: [{ license: 'L', mdmId: 'M', customerId: 'C', type: 'SA', status: 'Normal', activeFrom: 'today', activeTo: '+1d' }] }, /seats is required/],
    ['an unknown status', { version: 1, licenses: [{ license: 'L', mdmId: 'M', customerId: 'C', type: 'SA', status: 'Active', activeFrom: 'today', activeTo: '+1d', seats: 1 }] }, /status must be one of/],
  ])('%s', (_name, value, message) => {
    expect(() => parseSeed(value)).toThrow(SeedError);
    expect(() => parseSeed(value)).toThrow(message);
  });

  it('startSimulator validates a seed object too', async () => {
    await expect(startSimulator({ seed: json('bad-group-licence.json') as never })).rejects.toThrow(SeedError);
  });

  it('refuses a non-loopback host and a bad port', async () => {
    await expect(startSimulator({ host: '0.0.0.0' })).rejects.toThrow(/not loopback/);
    await expect(startSimulator({ port: 70000 })).rejects.toThrow(/port/);
  });
});

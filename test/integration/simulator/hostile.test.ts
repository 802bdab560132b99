// Hostile and broken requests: a quick 400 (or 404), never a crash, and the next request is served.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../main/simulator/index.ts';
import { fixture, PATH, SimHttp } from './http.ts';

let sim: RunningSimulator;
let http: SimHttp;
const GOOD = fixture('seeds/004-licenseInfo.xml');
beforeAll(async () => {
  sim = await startSimulator({ maxBodyBytes: 256 * 1024 });
  http = new SimHttp(sim);
});
afterAll(async () => {
  await http.close();
  await sim.close();
});
beforeEach(() => {
  sim.switches = {};
});

async function stillServes(): Promise<void> {
  const reply = await http.post(PATH.licenseInfo, GOOD);
  expect(reply.status).toBe(200);
}

describe('malformed or hostile bodies get a 400 with an XML error', () => {
  const huge = `<B2bLicenseInfoVO><mdmId>${'A'.repeat(2 * 1024 * 1024)}</mdmId></B2bLicenseInfoVO>`;
  it.each([
    ['a DOCTYPE with nested entities (billion laughs)', fixture('hostile/billion-laughs.xml')],
    ['an external entity (XXE)', fixture('hostile/external-entity.xml')],
    ['a 2 MiB body (over the cap)', huge],
    ['truncated XML', fixture('hostile/truncated.xml')],
    ['an empty body', ''],
    ['whitespace only', '  \n\t '],
    ['JSON', '{"B2bLicenseInfoVO":{"mdmId":"d1e2f3g4h5"}}'],
    ['the wrong root element', fixture('hostile/wrong-root.xml')],
    ['two root elements', fixture('hostile/two-roots.xml')],
    ['a __proto__ element', fixture('hostile/proto-pollution.xml')],
    ['200 nested elements', `${'<a>'.repeat(200)}x${'</a>'.repeat(200)}`],
    ['binary junk', Buffer.from([0xff, 0xfe, 0x00, 0x3c, 0x80, 0x81]).toString('latin1')],
  ])('%s', async (_name, body) => {
    const reply = await http.post(PATH.licenseInfo, body);
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(reply.code).toBe('FUD_1001');
    expect(reply.text).toContain('<error>');
    await stillServes();
  });

  it('a v1 operation answers in the v1 format (no <message>)', async () => {
    const reply = await http.post(PATH.serverInit, fixture('hostile/truncated.xml'));
    expect(reply.status).toBe(400);
    expect(reply.text).not.toContain('<message');
  });

  it('nothing of a DOCTYPE is ever expanded into the state', async () => {
    await http.post(PATH.groupRegister, fixture('hostile/external-entity.xml').replaceAll('B2bLicenseInfoVO', 'B2bGroupRegisterVO'));
    expect(sim.state.groups().some((g) => /root:|lol/.test(g.groupId))).toBe(false);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('switch malformedRequest=no-code: still 400 with an <error>, but no FUD code', async () => {
    sim.switches.malformedRequest = 'no-code';
    const reply = await http.post(PATH.licenseInfo, fixture('hostile/truncated.xml'));
    expect(reply.status).toBe(400);
    expect(reply.text).toContain('<error>');
    expect(reply.code).toBeNull();
  });

  it('many broken requests at once do not bring it down', async () => {
    const bodies = ['', '<x', fixture('hostile/billion-laughs.xml'), '{"a":1}', '<B2bLicenseInfoVO>'];
    const replies = await Promise.all(Array.from({ length: 40 }, (_, i) => http.post(PATH.licenseInfo, bodies[i % bodies.length] ?? '')));
    expect(replies.every((r) => r.status === 400)).toBe(true);
    await stillServes();
  });
});

describe('liberal where it should be', () => {
  it('elements in any order, unknown elements ignored, whitespace trimmed, lower- or upper-case mdmId, any prolog', async () => {
    expect((await http.post(PATH.licenseInfo, fixture('hostile/elements-shuffled-with-extras.xml'))).status).toBe(200);
  });

  it('Content-Type must be XML by default (as documented); the switch ignores it', async () => {
    expect((await http.post(PATH.licenseInfo, GOOD, { contentType: 'application/json' })).code).toBe('FUD_1001');
    expect((await http.post(PATH.licenseInfo, GOOD, { contentType: 'text/plain' })).code).toBe('FUD_1001');
    expect((await http.post(PATH.licenseInfo, GOOD, { contentType: 'application/xml; charset=UTF-8' })).status).toBe(200);
    sim.switches.contentType = 'ignore';
    expect((await http.post(PATH.licenseInfo, GOOD, { contentType: 'text/plain' })).status).toBe(200);
  });
});

describe('wrong method or path: 404', () => {
  it.each([
    ['GET on a real operation', 'GET', PATH.licenseInfo],
    ['an unknown operation', 'POST', '/b2bfota/v2/deviceList'],
    ['a wrong version', 'POST', '/b2bfota/v3/licenseInfo'],
    ['the legacy v2 serverInit (switch off)', 'POST', '/b2bfota/v2/serverInit'],
    ['a mis-cased path', 'POST', '/b2bfota/v2/LicenseInfo'],
    ['the root', 'GET', '/'],
  ])('%s', async (_name, method, path) => {
    const reply = await http.raw(path, method === 'GET' ? null : GOOD, { authorization: `Bearer ${await http.token()}` }, method);
    expect(reply.status).toBe(404);
    await stillServes();
  });

  it('the legacy /b2bfota/v2/serverInit is served when the switch is on', async () => {
    sim.switches.v2ServerInitAlias = true;
    const reply = await http.post('/b2bfota/v2/serverInit', fixture('seeds/002-serverInit-closing-tag-fixed.xml'));
    expect(reply.code).toBe('FUD_3005'); // reached serverInit's own checks
  });

  it('serviceregister answers on both spellings', async () => {
    for (const path of ['/b2bfota/v1/serviceregister', '/b2bfota/v1/serviceRegister']) {
      expect((await http.post(path, fixture('requests/serviceregister/ok.xml'))).status).toBe(200);
    }
  });
});

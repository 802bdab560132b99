// Web mode answers only our own browser tab: every request needs the session cookie (obtained with
// the printed token), a Host of exactly 127.0.0.1:<port> (DNS rebinding), and calls our Origin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, FIXTURE_CSP, http, startWebFixture, type Answer, type WebFixture } from './web-server.ts';

let f: WebFixture;
beforeAll(async () => {
  f = await startWebFixture();
});
afterAll(() => f.dispose());

const noCors = (answer: Answer): void => {
  for (const name of Object.keys(answer.headers)) expect(name.toLowerCase()).not.toMatch(/^access-control-/);
};

describe('the token and the session cookie', () => {
  it('exchanges the printed token for an HttpOnly, SameSite=Strict cookie and a clean URL', async () => {
    const answer = await http(f, { path: `/?token=${f.server.token}`, cookie: null });
    expect(answer.status).toBe(303);
    expect(answer.headers['location']).toBe('/');
    const cookie = answer.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(new RegExp(`^fota_desk_session_${f.server.port}=[\\w-]{43};`));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).not.toContain(f.server.token);
    expect(f.server.url).toBe(`http://127.0.0.1:${f.server.port}/?token=${f.server.token}`);
  });

  it('refuses a page, a call and the event stream without the cookie', async () => {
    const page = await http(f, { path: '/', cookie: null });
    expect(page.status).toBe(401);
    expect(page.body).toContain('Open the address');
    expect(page.body).not.toContain('FOTA Desk</body>');
    expect((await call(f, 'profiles:list', null, { cookie: null })).status).toBe(401);
    expect((await http(f, { path: '/api/events', cookie: null })).status).toBe(401);
    expect((await http(f, { path: '/', cookie: `fota_desk_session_${f.server.port}=forged` })).status).toBe(401);
  });

  it('refuses a wrong token without setting a cookie', async () => {
    const answer = await http(f, { path: `/?token=${'A'.repeat(43)}`, cookie: null });
    expect(answer.status).toBe(401);
    expect(answer.headers['set-cookie']).toBeUndefined();
  });

  it('lets the browser in with the cookie', async () => {
    const page = await http(f, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('FOTA Desk');
    const listed = await call(f, 'profiles:list', null);
    expect(listed.status).toBe(200);
    expect(JSON.parse(listed.body)).toMatchObject({ ok: true, data: { activeId: 'practice' } });
  });
});

describe('Host (DNS rebinding)', () => {
  it.each(['evil.example:PORT', 'localhost:PORT', '127.0.0.1', '127.0.0.1:1', '[::1]:PORT'])('refuses Host %s even with the cookie', async (host) => {
    const value = host.replace('PORT', String(f.server.port));
    expect((await http(f, { path: '/', host: value })).status).toBe(421);
    expect((await call(f, 'profiles:list', null, { host: value })).status).toBe(421);
    expect((await http(f, { path: `/?token=${f.server.token}`, host: value, cookie: null })).headers['set-cookie']).toBeUndefined();
  });

  it('refuses a request without Host', async () => {
    // Node itself answers 400 to an HTTP/1.1 request without Host; either way nothing is served.
    const answer = await http(f, { path: '/', host: null });
    expect([400, 421]).toContain(answer.status);
    expect(answer.body).not.toContain('FOTA Desk');
  });
});

describe('Origin', () => {
  it.each(['http://evil.example', `http://localhost:PORT`, 'null', `https://127.0.0.1:PORT`])('refuses a call from Origin %s', async (origin) => {
    const answer = await call(f, 'profiles:list', null, { origin: origin.replace('PORT', String(f.server.port)) });
    expect(answer.status).toBe(403);
    noCors(answer);
  });

  it('refuses a call without Origin, and one a browser marks as cross-site', async () => {
    expect((await call(f, 'profiles:list', null, { origin: null })).status).toBe(403);
    expect((await call(f, 'profiles:list', null, { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
  });

  it('refuses the event stream from a foreign Origin', async () => {
    expect((await http(f, { path: '/api/events', origin: 'http://evil.example' })).status).toBe(403);
  });

  it('refuses a call that is not JSON (a cross-site form cannot send JSON)', async () => {
    expect((await call(f, 'profiles:list', null, { contentType: 'application/x-www-form-urlencoded' })).status).toBe(415);
    expect((await call(f, 'profiles:list', null, { contentType: 'text/plain' })).status).toBe(415);
  });
});

describe('what is served', () => {
  it('sends the page’s CSP as a header, and never a CORS header', async () => {
    const page = await http(f, { path: '/' });
    expect(page.headers['content-security-policy']).toBe(`${FIXTURE_CSP}; frame-ancestors 'none'`);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    noCors(page);
    const preflight = await http(f, { method: 'OPTIONS', path: '/api/invoke/profiles:list', headers: { 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(405);
    noCors(preflight);
  });

  it('serves only files inside the renderer folder', async () => {
    expect((await http(f, { path: '/assets/app.js' })).status).toBe(200);
    for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/missing.js']) {
      const answer = await http(f, { path });
      expect(answer.status, path).toBe(404);
      expect(answer.body).not.toContain('outside the renderer');
    }
  });

  it('answers a malformed body, an unknown channel and an oversized call clearly', async () => {
    const broken = await call(f, 'profiles:list', null, { body: '{not json' });
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const unknown = await call(f, 'secrets:read', null);
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await http(f, { method: 'GET', path: '/api/invoke/profiles:list' })).status).toBe(405);
    const small = await startWebFixture({ maxBodyBytes: 1024 });
    try {
      const big = await call(small, 'devices:checkEnrolment', { serials: Array.from({ length: 200 }, (_, i) => `R58N31ABC${i}`) });
      expect(big.status).toBe(413);
      expect(big.body).toContain('larger than');
    } finally {
      await small.dispose();
    }
  });

  it('streams events to a let-in browser', async () => {
    const stream = http(f, { path: '/api/events', until: (body) => body.length > 0 });
    const first = await stream;
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toContain('text/event-stream');
  });
});

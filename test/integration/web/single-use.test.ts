// Web mode's links are single use: the first exchange sets that browser's cookie and burns the key,
// so a copy in a browser's history or a screenshot opens nothing; a browser already let in just goes
// on. Another browser gets a link of its own (a key press, or `--new-link` from another terminal).
// After the exchange the browser is sent only to a path of this server, never to another host.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlFile, newControlKey, publishControl } from '../../../main/web/control.ts';
import { runWebMode, type WebModeIo } from '../../../main/web/run.ts';
import { DATA_DIR_ENV } from '../../../main/store/data-folder.ts';
import { http, startWebFixture, type WebFixture } from './web-server.ts';

const KEY = newControlKey();
let f: WebFixture;
beforeAll(async () => {
  f = await startWebFixture({ controlKey: KEY });
});
afterAll(() => f.dispose());

const pathOf = (link: string): string => {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
};
const cookieOf = (answer: { headers: Record<string, string | string[] | undefined> }): string => {
  const header = answer.headers['set-cookie'];
  return ((Array.isArray(header) ? header[0] : header) ?? '').split(';')[0] ?? '';
};

describe('single-use links', () => {
  it('the printed link lets one browser in once; a copy of it opens nothing afterwards', async () => {
    const first = await http(f, { path: `/?token=${f.server.token}`, cookie: null });
    expect(first.status).toBe(303);
    const cookie = cookieOf(first);
    expect(cookie).toMatch(/^fota_desk_session_\d+=[\w-]{43}$/);
    expect((await http(f, { path: '/', cookie })).status).toBe(200);

    const copy = await http(f, { path: `/?token=${f.server.token}`, cookie: null });
    expect(copy.status).toBe(401);
    expect(copy.headers['set-cookie']).toBeUndefined();
    expect(copy.body).toContain('This link has been used already');
    expect(copy.body).toContain('press n in the terminal');
    expect(copy.body).toContain('--new-link');

    // The browser that used it may open it again (history, a reload): it just goes on, nothing new is issued.
    const again = await http(f, { path: `/?token=${f.server.token}`, cookie });
    expect(again.status).toBe(303);
    expect(again.headers['location']).toBe('/');
    expect(again.headers['set-cookie']).toBeUndefined();
  });

  it('a new link lets a second browser in with a session of its own; both keep working', async () => {
    const a = cookieOf(await http(f, { path: pathOf(f.server.newLink()), cookie: null }));
    const b = cookieOf(await http(f, { path: pathOf(f.server.newLink()), cookie: null }));
    expect(a).not.toBe('');
    expect(b).not.toBe('');
    expect(a).not.toBe(b);
    expect((await http(f, { path: '/', cookie: a })).status).toBe(200);
    expect((await http(f, { path: '/', cookie: b })).status).toBe(200);
  });

  it('only the latest 10 unopened links stay valid', async () => {
    const links = Array.from({ length: 11 }, () => f.server.newLink());
    expect((await http(f, { path: pathOf(links[0] ?? ''), cookie: null })).status).toBe(401);
    expect((await http(f, { path: pathOf(links[10] ?? ''), cookie: null })).status).toBe(303);
  });
});

describe('the redirect after the exchange', () => {
  it('GET /.//evil.example/?token=… (the reported open redirect) goes to / of this server', async () => {
    const token = new URL(f.server.newLink()).searchParams.get('token') ?? '';
    const answer = await http(f, { path: `/.//evil.example/?token=${token}`, cookie: null });
    expect(answer.status).toBe(303);
    expect(answer.headers['location']).toBe('/');
  });

  it.each(['//evil.example/', '/\\evil.example/', '/./\\/evil.example/', '/%2F%2Fevil.example/', '/.%2F/evil.example'])('GET %s?token=… stays on this server', async (asked) => {
    const token = new URL(f.server.newLink()).searchParams.get('token') ?? '';
    const answer = await http(f, { path: `${asked}?token=${token}`, cookie: null });
    expect(answer.status).toBe(303);
    const location = String(answer.headers['location']);
    expect(location.startsWith('/') && !location.startsWith('//') && !location.includes('\\')).toBe(true);
    expect(new URL(location, f.server.origin).origin).toBe(f.server.origin);
  });

  it('keeps a plain path and its other parameters', async () => {
    const token = new URL(f.server.newLink()).searchParams.get('token') ?? '';
    const answer = await http(f, { path: `/history?token=${token}&tab=2`, cookie: null });
    expect(answer.headers['location']).toBe('/history?tab=2');
  });
});

describe('--new-link', () => {
  const io = (env: Record<string, string>): WebModeIo & { out: string; err: string } => {
    const state = { out: '', err: '' };
    return Object.assign(state, { env, stdout: (t: string) => void (state.out += t), stderr: (t: string) => void (state.err += t) });
  };

  it('asks the web mode running on the data folder for a new link, which lets a browser in once', async () => {
    const withdraw = publishControl(f.dataDir, f.server.port, KEY);
    try {
      const out = io({ [DATA_DIR_ENV]: f.dataDir });
      expect(await runWebMode(['--new-link'], out)).toEqual({ exitCode: 0 });
      const link = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out.out)?.[1] ?? '';
      expect(link).not.toBe('');
      expect(link).not.toContain(f.server.token);
      expect((await http(f, { path: pathOf(link), cookie: null })).status).toBe(303);
      expect((await http(f, { path: pathOf(link), cookie: null })).status).toBe(401);
    } finally {
      withdraw();
    }
  });

  it('says so when no web mode runs there', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'fota-no-web-'));
    try {
      const out = io({ [DATA_DIR_ENV]: empty });
      expect(await runWebMode(['--new-link'], out)).toEqual({ exitCode: 1 });
      expect(out.err).toMatch(/No FOTA Desk web mode is running on the data folder/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('the server hands links only to the holder of the control key, never to a browser', async () => {
    const ask = (headers: Record<string, string>, method = 'POST') => http(f, { method, path: '/api/new-link', cookie: null, origin: null, contentType: null, headers });
    expect((await ask({ 'x-fota-desk-control': 'A'.repeat(43) })).status).toBe(403);
    expect((await ask({})).status).toBe(403);
    expect((await ask({ 'x-fota-desk-control': KEY, origin: f.server.origin })).status).toBe(403);
    expect((await ask({ 'x-fota-desk-control': KEY, cookie: f.cookie })).status).toBe(403);
    expect((await ask({ 'x-fota-desk-control': KEY }, 'GET')).status).toBe(405);
    const granted = await ask({ 'x-fota-desk-control': KEY });
    expect(granted.status).toBe(200);
    expect(JSON.parse(granted.body)).toMatchObject({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}$/) as unknown });
    expect(controlFile(f.dataDir)).toContain('web-mode.json');
  });
});

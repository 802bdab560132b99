// The app:// protocol handler on a real folder: it serves the renderer's files with their types and
// the security headers, falls back to index.html for routes, and never serves anything outside.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, requestedPath } from '../../../main/desktop/app-protocol.ts';

const base = mkdtempSync(path.join(tmpdir(), 'fota-protocol-'));
const root = path.join(base, 'renderer');
mkdirSync(path.join(root, 'assets'), { recursive: true });
writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>FOTA Desk</title>');
writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(path.join(root, 'assets', 'worker.js'), 'postMessage(1)');
writeFileSync(path.join(root, 'assets', 'data.bin'), 'raw');
writeFileSync(path.join(base, 'secret.txt'), 'TOP SECRET');
symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const handler = createAppProtocolHandler(root);
const get = (url: string, method = 'GET'): Response => handler({ url, method });

describe('app:// protocol handler', () => {
  it('serves files with their content type, nosniff and no caching', async () => {
    const js = get('app://fota/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await js.text()).toBe('console.log(1)');
    expect(get('app://fota/assets/data.bin').headers.get('content-type')).toBe('application/octet-stream');
  });

  it('serves index.html for the root and for routes without an extension', async () => {
    for (const url of ['app://fota/', 'app://fota/index.html', 'app://fota/history/batch-1', 'app://FOTA/settings']) {
      const answer = get(url);
      expect(answer.status, url).toBe(200);
      expect(await answer.text(), url).toContain('<title>FOTA Desk</title>');
    }
  });

  it('answers 404 for a missing file and for another host', () => {
    expect(get('app://fota/assets/missing.js').status).toBe(404);
    expect(get('app://evil/index.html').status).toBe(404);
    expect(get('https://fota/index.html').status).toBe(404);
  });

  it.each([
    'app://fota/../secret.txt',
    'app://fota/assets/../../secret.txt',
    'app://fota/%2e%2e/secret.txt',
    'app://fota/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://fota/assets%2f..%2f..%2fsecret.txt',
    'app://fota/..%5csecret.txt',
    'app://fota/assets/app.js%00.png',
    'app://fota/%ff',
    'app://fota/assets/link.txt',
  ])('never serves a file outside the folder: %s', async (url) => {
    const answer = get(url);
    const body = await answer.text();
    expect(body).not.toContain('TOP SECRET');
    // Normalised-away "../" lands on index.html inside the folder; everything else is refused.
    if (answer.status === 200) expect(body).toContain('FOTA Desk');
  });

  it('refuses encoded traversal before looking at the disk', () => {
    expect(requestedPath('app://fota/assets/%2e%2e%2f%2e%2e%2fsecret.txt')).toMatchObject({ status: 403 });
    expect(requestedPath('app://fota/a%5cb')).toMatchObject({ status: 403 });
    expect(requestedPath('app://fota/%E0%A4%A')).toMatchObject({ status: 400 });
  });

  it('accepts GET and HEAD only; HEAD has no body', async () => {
    expect(get('app://fota/assets/app.js', 'POST').status).toBe(405);
    const head = get('app://fota/assets/app.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

// The renderer's CSP: identical in renderer/index.html's <meta> and in the app:// protocol's header,
// and strict. If anyone loosens either (a CDN, eval, inline script, a network origin), this fails.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../../main/desktop/app-protocol.ts';
import { CONTENT_SECURITY_POLICY, parseCsp } from '../../../main/desktop/csp.ts';
import { cspOf } from '../../../main/static/static-files.ts';

const sourceHtml = readFileSync('renderer/index.html', 'utf8');
const dir = mkdtempSync(path.join(tmpdir(), 'fota-csp-'));
writeFileSync(path.join(dir, 'index.html'), sourceHtml);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every way a policy can let the page reach beyond itself or run code it did not ship. */
function loosenings(policy: string): string[] {
  const problems: string[] = [];
  const csp = parseCsp(policy);
  const exactly = (name: string, sources: string[]): void => {
    if (JSON.stringify(csp.get(name)) !== JSON.stringify(sources)) problems.push(`${name} must be ${sources.join(' ')} (is ${csp.get(name)?.join(' ') ?? 'absent'})`);
  };
  exactly('default-src', ["'self'"]);
  exactly('script-src', ["'self'"]);
  exactly('connect-src', ["'self'"]);
  exactly('worker-src', ["'self'"]);
  exactly('object-src', ["'none'"]);
  exactly('base-uri', ["'none'"]);
  exactly('form-action', ["'none'"]);
  for (const [name, sources] of csp) {
    for (const source of sources) {
      const s = source.toLowerCase();
      if (s.includes('*')) problems.push(`${name} has a wildcard`);
      if (["'unsafe-eval'", "'wasm-unsafe-eval'", "'unsafe-hashes'", "'strict-dynamic'"].includes(s)) problems.push(`${name} allows ${s}`);
      if (s === "'unsafe-inline'" && name !== 'style-src') problems.push(`${name} allows inline code`);
      if (s === 'data:' && name !== 'img-src') problems.push(`${name} allows data:`);
      if (/^(https?|wss?|blob|filesystem|file):/.test(s)) problems.push(`${name} allows the ${s} scheme`);
      if (!s.startsWith("'") && s !== 'data:') problems.push(`${name} names a host (${s})`);
    }
    if (/^(script-src-elem|script-src-attr|frame-src|child-src|navigate-to|prefetch-src|manifest-src|media-src|font-src)$/.test(name) && sources.join(' ') !== "'none'" && sources.join(' ') !== "'self'") {
      problems.push(`${name} is widened to ${sources.join(' ')}`);
    }
  }
  return problems;
}

describe('Content-Security-Policy', () => {
  it('the meta tag of renderer/index.html is exactly the policy the app:// protocol sends', () => {
    expect(cspOf(sourceHtml)).toBe(CONTENT_SECURITY_POLICY);
  });

  it('the protocol handler sends it on the page and on every other answer (Workers take their own)', async () => {
    const handler = createAppProtocolHandler(dir);
    for (const url of ['app://fota/index.html', 'app://fota/', 'app://fota/no-such.js', 'app://fota/%2e%2e%2fsecret']) {
      expect(handler({ url, method: 'GET' }).headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('is strict: self only, no eval, no inline script, no network origin, no plugins', () => {
    expect(loosenings(CONTENT_SECURITY_POLICY)).toEqual([]);
  });

  it.each([
    ["a CDN in script-src", "script-src 'self' https://cdn.example.com"],
    ['eval', "script-src 'self' 'unsafe-eval'"],
    ['inline script', "script-src 'self' 'unsafe-inline'"],
    ['a remote API in connect-src', "connect-src 'self' https://eu-api.samsungknox.com"],
    ['a wildcard', "default-src *"],
    ['blob: workers', "worker-src 'self' blob:"],
    ['frames from anywhere', "frame-src https:"],
  ])('the strictness check catches %s', (_what, directive) => {
    const name = directive.split(' ')[0]!;
    const loosened = CONTENT_SECURITY_POLICY.split('; ').filter((d) => !d.startsWith(`${name} `)).concat(directive).join('; ');
    expect(loosenings(loosened)).not.toEqual([]);
  });
});

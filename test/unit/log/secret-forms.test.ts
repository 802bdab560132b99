// The log (and every error text) redacts a registered secret or token in each shape it travels in:
// URL-encoded, form-encoded (application/x-www-form-urlencoded, `+` for a space), JSON-escaped,
// base64 and base64url — alone, and inside a longer encoded value at any byte alignment. A token
// endpoint that echoes the form body it received must not get the client secret into a log line
// or onto the screen.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Logger, LOG_FILE } from '../../../main/log/logger.ts';
import { Redactor } from '../../../main/log/redactor.ts';
import { redact } from '../../../main/efota/redact.ts';
import { requestToken } from '../../../main/efota/token.ts';
import { createNodeFetch } from '../../../main/efota/node-fetch.ts';
import { startScriptedServer, TEST_CA_PEM } from '../../integration/efota/helpers/scripted-server.ts';

// Characters every encoding treats differently: a space, + / = & ? %, a quote, a backslash, non-ASCII.
const SECRET = 'Kx9 s3cr3t/pass+word=&?%"\\é-tail';
const TOKEN = 'tok~Planted.token_with/slash+plus';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const b64url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');
const form = (text: string): string => new URLSearchParams({ s: text }).toString().slice(2);

/** Each shape a secret may take in a message. */
function shapes(secret: string): Record<string, string> {
  const body = `grant_type=client_credentials&client_id=abc&client_secret=${form(secret)}`;
  return {
    'URL-encoded': encodeURIComponent(secret),
    'URL-encoded, lower-case hex': encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    'form-encoded': form(secret),
    'JSON-escaped': JSON.stringify(secret).slice(1, -1),
    base64: b64(secret),
    base64url: b64url(secret),
    'base64 inside a longer value (offset 1)': b64(`x${secret}yz`),
    'base64 inside a longer value (offset 2)': b64(`xy${secret}z`),
    'base64url inside a longer value (offset 1)': b64url(`x${secret}`),
    'base64 of an echoed form body': b64(body),
  };
}

/** The secret as text travels: as is, URL-encoded (either hex case), form-encoded, JSON-escaped. */
function textForms(secret: string): string[] {
  const url = encodeURIComponent(secret);
  return [secret, url, url.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()), form(secret), JSON.stringify(secret).slice(1, -1)];
}

/** Every 10-character piece of the secret's text forms: none may be readable anywhere. */
function pieces(secret: string): Set<string> {
  const out = new Set<string>();
  for (const f of textForms(secret)) for (let i = 0; i + 10 <= f.length; i++) out.add(f.slice(i, i + 10));
  return out;
}

/**
 * Which pieces of the secret can still be read in `text`: directly, or by decoding any run of
 * base64/base64url characters at any of the four character offsets (independent of how the
 * redactor finds them).
 */
function leaks(text: string, secret: string): string[] {
  const wanted = pieces(secret);
  const found = new Set<string>();
  const look = (haystack: string): void => {
    for (const piece of wanted) if (haystack.includes(piece)) found.add(piece);
  };
  look(text);
  for (const run of text.match(/[A-Za-z0-9+/_-]{8,}/g) ?? []) {
    for (let offset = 0; offset < 4; offset++) {
      const part = run.slice(offset);
      look(Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1'));
      look(Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'));
    }
  }
  return [...found];
}

const dir = mkdtempSync(path.join(tmpdir(), 'fota-forms-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the log redactor', () => {
  const redactor = new Redactor();
  redactor.addSecret(SECRET);
  redactor.addSecret(TOKEN);

  it.each(Object.entries(shapes(SECRET)))('removes the %s secret', (_name, encoded) => {
    const out = redactor.redact(`the server echoed: ${encoded} (end)`);
    expect(out).toContain('[redacted]');
    expect(leaks(out, SECRET)).toEqual([]);
    expect(out).toContain('the server echoed:');
  });

  it.each(Object.entries(shapes(TOKEN)))('removes the %s token', (_name, encoded) => {
    expect(leaks(redactor.redact(`seen ${encoded}.`), TOKEN)).toEqual([]);
  });

  it('keeps every shape out of the log file, written through the logger', async () => {
    const log = new Logger({ dir, redactor });
    for (const [name, encoded] of [...Object.entries(shapes(SECRET)), ...Object.entries(shapes(TOKEN))]) log.warn(`echo (${name}) ${encoded}`, { echoed: encoded });
    await log.flush();
    const text = readFileSync(path.join(dir, LOG_FILE), 'utf8');
    expect(text.split('\n').filter((l) => l !== '')).toHaveLength(20);
    expect(leaks(text, SECRET)).toEqual([]);
    expect(leaks(text, TOKEN)).toEqual([]);
  });

  it('leaves ordinary text alone', () => {
    expect(redactor.redact('forceUpdate 100 devices, target Latest, customer 3F2A91C4')).toBe('forceUpdate 100 devices, target Latest, customer 3F2A91C4');
  });
});

describe('error texts (the client redacts before anything is shown)', () => {
  it.each(Object.entries(shapes(SECRET)))('removes the %s secret', (_name, encoded) => {
    expect(leaks(redact(`answer: ${encoded}`, [SECRET]), SECRET)).toEqual([]);
  });

  it('a token endpoint that echoes the form body in its error shows none of the secret', async () => {
    const server = await startScriptedServer((request, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'invalid_request', received: request.body, receivedBase64: b64(request.body), hint: encodeURIComponent(request.body) }));
    });
    const transport = createNodeFetch({ extraCaPem: TEST_CA_PEM });
    try {
      const error = await requestToken({ baseUrl: server.url, clientId: 'abc', clientSecret: SECRET, fetch: transport.fetch }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      const shown = `${(error as Error).message} ${JSON.stringify(error)}`;
      expect(server.requests[0]?.body).toContain(form(SECRET)); // the secret did travel, form-encoded
      expect(leaks(shown, SECRET)).toEqual([]);
    } finally {
      await transport.close();
      await server.close();
    }
  });
});

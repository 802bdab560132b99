// The team database URL: TLS verified unless plaintext to this machine, never a password in the URL,
// and an extra CA added to the system roots (never instead of them).
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { clientConfig, parseTeamUrl, teamUrl, TeamUrlError } from '../../../main/team/connection-options.ts';

const NOW = '2026-12-02T10:00:00.000Z';
const CA = readFileSync('main/simulator/certs/ca.pem', 'utf8');
const parse = (url: string, ca: string | null = null) => parseTeamUrl(url, ca, NOW);
const refused = (url: string, ca: string | null = null): string => {
  try {
    parse(url, ca);
  } catch (error) {
    expect(error).toBeInstanceOf(TeamUrlError);
    return (error as Error).message;
  }
  throw new Error(`accepted ${url}`);
};

describe('parseTeamUrl', () => {
  it('reads user, host, port (default 5432) and database; TLS verified by default', () => {
    expect(parse('postgres://fota_app@db.example.com/fota')).toEqual({ v: 1, host: 'db.example.com', port: 5432, database: 'fota', user: 'fota_app', tls: 'verify', caPem: null, connectedAt: NOW });
    expect(parse('postgresql://a%40b@10.0.0.5:6543/team%20db')).toMatchObject({ host: '10.0.0.5', port: 6543, database: 'team db', user: 'a@b', tls: 'verify' });
  });

  it('allows plaintext only to this machine', () => {
    for (const host of ['localhost', '127.0.0.1', '[::1]']) expect(parse(`postgres://u@${host}:5432/d?sslmode=disable`).tls).toBe('off');
    expect(refused('postgres://u@db.example.com/d?sslmode=disable')).toMatch(/allowed only to localhost or 127\.0\.0\.1, not db\.example\.com/);
    expect(refused('postgres://u@10.1.2.3/d?sslmode=disable')).toMatch(/unencrypted/);
  });

  it('refuses a password in the URL, without repeating it', () => {
    const message = refused('postgres://u:hunter2secret@db.example.com/d');
    expect(message).toMatch(/leave the password out of the URL/);
    expect(message).not.toContain('hunter2secret');
  });

  it('refuses weaker TLS modes, unknown options, a missing user or database, another scheme', () => {
    expect(refused('postgres://u@db/d?sslmode=require')).toMatch(/sslmode=require is not offered: TLS is always verified/);
    expect(refused('postgres://u@db/d?application_name=x')).toMatch(/unsupported URL option\(s\): application_name/);
    expect(refused('postgres://db.example.com/d')).toMatch(/names no user/);
    expect(refused('postgres://u@db.example.com/')).toMatch(/names no database/);
    expect(refused('mysql://u@db/d')).toMatch(/must start with postgres:\/\//);
    expect(refused('not a url')).toMatch(/is not a URL/);
  });

  it('checks the CA file, and refuses one with plaintext', () => {
    expect(parse('postgres://u@db/d', CA).caPem).toBe(CA);
    expect(refused('postgres://u@db/d', 'not a certificate')).toMatch(/^--ca: /);
    expect(refused('postgres://u@localhost/d?sslmode=disable', CA)).toMatch(/--ca makes no sense with sslmode=disable/);
  });
});

describe('clientConfig and teamUrl', () => {
  it('verifies certificates, adds the extra CA to the system roots, and never prints the password', () => {
    const withCa = clientConfig(parse('postgres://u@db.example.com/d', CA), 'pw');
    expect(withCa.ssl).toEqual({ rejectUnauthorized: true, ca: [...rootCertificates, CA] });
    expect(clientConfig(parse('postgres://u@db.example.com/d'), 'pw').ssl).toEqual({ rejectUnauthorized: true });
    expect(clientConfig(parse('postgres://u@127.0.0.1/d?sslmode=disable'), 'pw').ssl).toBe(false);
    expect(teamUrl(parse('postgres://u@db.example.com:6000/d'))).toBe('postgres://u@db.example.com:6000/d');
    expect(teamUrl(parse('postgres://u@localhost/d?sslmode=disable'))).toBe('postgres://u@localhost:5432/d?sslmode=disable');
  });
});

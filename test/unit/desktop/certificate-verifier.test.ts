// The extra-CA certificate verifier with real certificates (test/fixtures/shell-tls/generate.sh).
// Electron's verify request is the only fake: a plain object shaped like the one Chromium hands over.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createCertificateVerifier,
  decide,
  ERR_CERT_AUTHORITY_INVALID,
  VERIFY,
  type CertificateLike,
  type VerifyRequestLike,
} from '../../../main/desktop/certificate-verifier.ts';

const pem = (name: string): string => readFileSync(`test/fixtures/shell-tls/${name}.pem`, 'utf8');
const cert = (name: string): X509Certificate => new X509Certificate(pem(name));
const NOW = Date.now();

/** An Electron-style chain: leaf first, each link's issuerCert the next. */
function chain(...names: string[]): CertificateLike {
  const [first, ...rest] = names;
  if (!first) throw new Error('empty chain');
  return { data: pem(first), issuerCert: rest.length ? chain(...rest) : null };
}

function untrustedRoot(certificate: CertificateLike, hostname = 'efota.example.test'): VerifyRequestLike {
  return { hostname, certificate, validatedCertificate: certificate, errorCode: ERR_CERT_AUTHORITY_INVALID, verificationResult: 'net::ERR_CERT_AUTHORITY_INVALID' };
}

const caA = [cert('ca-a')];

describe('extra-CA verifier: accepts only an untrusted-root verdict that chains to the CA', () => {
  it('accepts a good chain (leaf + intermediate) for the right host', () => {
    expect(decide(untrustedRoot(chain('leaf-good', 'int-a')), caA, NOW)).toMatchObject({ result: VERIFY.accept });
  });

  it('accepts when the server also sends the root, a wildcard name, and an IP address name', () => {
    expect(decide(untrustedRoot(chain('leaf-good', 'int-a', 'ca-a')), caA, NOW).result).toBe(VERIFY.accept);
    expect(decide(untrustedRoot(chain('leaf-good', 'int-a'), 'eu.tenant.example.test'), caA, NOW).result).toBe(VERIFY.accept);
    expect(decide(untrustedRoot(chain('leaf-good', 'int-a'), '10.1.2.3'), caA, NOW).result).toBe(VERIFY.accept);
  });

  it('refuses the wrong host (even one the wildcard almost covers)', () => {
    for (const host of ['other.example.test', 'a.b.tenant.example.test', 'example.test', '10.1.2.4']) {
      const decision = decide(untrustedRoot(chain('leaf-good', 'int-a'), host), caA, NOW);
      expect(decision, host).toMatchObject({ result: VERIFY.reject });
    }
    expect(decide(untrustedRoot(chain('leaf-good', 'int-a'), 'other.example.test'), caA, NOW).reason).toMatch(/not for other\.example\.test/);
  });

  it('refuses an expired leaf, and a good chain at a time outside its validity', () => {
    const expired = decide(untrustedRoot(chain('leaf-expired', 'int-a')), caA, NOW);
    expect(expired.result).toBe(VERIFY.reject);
    expect(expired.reason).toMatch(/expired on .*2021/);
    const future = Date.parse(cert('leaf-good').validTo) + 86_400_000;
    expect(decide(untrustedRoot(chain('leaf-good', 'int-a')), caA, future).result).toBe(VERIFY.reject);
    const past = Date.parse(cert('leaf-good').validFrom) - 86_400_000;
    expect(decide(untrustedRoot(chain('leaf-good', 'int-a')), caA, past).result).toBe(VERIFY.reject);
  });

  it('refuses a chain from another CA', () => {
    const decision = decide(untrustedRoot(chain('leaf-ca-b', 'ca-b')), caA, NOW);
    expect(decision).toMatchObject({ result: VERIFY.reject, reason: 'the chain does not lead to the extra CA' });
  });

  it('refuses a CA that copies the extra CA’s name but holds another key', () => {
    expect(cert('ca-impostor').subject).toBe(cert('ca-a').subject);
    expect(decide(untrustedRoot(chain('leaf-impostor', 'ca-impostor')), caA, NOW).result).toBe(VERIFY.reject);
  });

  it('refuses a chain with the intermediate missing', () => {
    expect(decide(untrustedRoot(chain('leaf-good')), caA, NOW).result).toBe(VERIFY.reject);
  });

  it('refuses a certificate signed by a leaf (a certificate that is not a CA cannot issue)', () => {
    expect(decide(untrustedRoot(chain('leaf-by-leaf', 'leaf-good', 'int-a')), caA, NOW).result).toBe(VERIFY.reject);
  });

  it('refuses a certificate whose extended key usage excludes TLS servers', () => {
    expect(decide(untrustedRoot(chain('leaf-client-only', 'int-a')), caA, NOW)).toMatchObject({ result: VERIFY.reject, reason: /not meant for a TLS server/ });
  });

  it('accepts a self-signed server certificate pinned as the extra CA, for its own names only', () => {
    const pinned = [cert('self-signed-server')];
    expect(decide(untrustedRoot(chain('self-signed-server')), pinned, NOW).result).toBe(VERIFY.accept);
    expect(decide(untrustedRoot(chain('self-signed-server'), 'other.example.test'), pinned, NOW).result).toBe(VERIFY.reject);
    expect(decide(untrustedRoot(chain('leaf-good', 'int-a')), pinned, NOW).result).toBe(VERIFY.reject);
  });
});

describe('extra-CA verifier: Chromium’s verdict comes first', () => {
  it('keeps Chromium’s verdict when the system trusts the certificate', () => {
    const request = { ...untrustedRoot(chain('leaf-ca-b', 'ca-b')), errorCode: 0, verificationResult: 'net::OK' };
    expect(decide(request, caA, NOW).result).toBe(VERIFY.useChromium);
  });

  it('keeps Chromium’s refusal for any other error, even when the chain would verify to the CA', () => {
    for (const [errorCode, verificationResult] of [
      [-200, 'net::ERR_CERT_COMMON_NAME_INVALID'],
      [-201, 'net::ERR_CERT_DATE_INVALID'],
      [-206, 'net::ERR_CERT_REVOKED'],
    ] as const) {
      const request = { ...untrustedRoot(chain('leaf-good', 'int-a')), errorCode, verificationResult };
      expect(decide(request, caA, NOW).result, verificationResult).toBe(VERIFY.useChromium);
    }
  });

  it('keeps Chromium’s refusal when the profile has no extra CA', () => {
    expect(decide(untrustedRoot(chain('leaf-good', 'int-a')), [], NOW).result).toBe(VERIFY.useChromium);
  });

  it('refuses unreadable certificate data instead of throwing', () => {
    expect(decide(untrustedRoot({ data: 'not a certificate' }), caA, NOW).result).toBe(VERIFY.reject);
  });
});

describe('createCertificateVerifier (the procedure handed to session.setCertificateVerifyProc)', () => {
  it('answers through the callback and logs what it overrules, without certificate contents', () => {
    const lines: string[] = [];
    const proc = createCertificateVerifier(pem('ca-a'), { now: () => NOW, log: (l) => lines.push(l) });
    const answers: number[] = [];
    proc(untrustedRoot(chain('leaf-good', 'int-a')), (r) => answers.push(r));
    proc(untrustedRoot(chain('leaf-ca-b', 'ca-b')), (r) => answers.push(r));
    expect(answers).toEqual([VERIFY.accept, VERIFY.reject]);
    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).not.toContain('BEGIN CERTIFICATE');
  });

  it('trusts nothing extra when the stored CA is not a certificate (a private key never counts)', () => {
    const lines: string[] = [];
    const proc = createCertificateVerifier('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----', { log: (l) => lines.push(l) });
    let answer: number | null = null;
    proc(untrustedRoot(chain('leaf-good', 'int-a')), (r) => (answer = r));
    expect(answer).toBe(VERIFY.useChromium);
    expect(lines[0]).toMatch(/extra CA ignored/);
  });

  it('accepts a PEM bundle: any of its CAs may anchor the chain', () => {
    const proc = createCertificateVerifier(`${pem('ca-b')}\n${pem('ca-a')}`, { now: () => NOW });
    const answers: number[] = [];
    proc(untrustedRoot(chain('leaf-good', 'int-a')), (r) => answers.push(r));
    proc(untrustedRoot(chain('leaf-ca-b')), (r) => answers.push(r));
    expect(answers).toEqual([VERIFY.accept, VERIFY.accept]);
  });
});

// A profile's extra CA: PEM text the admin got from their proxy or security team. It is added to
// the system roots for that profile only, so it is checked here before it is ever stored.
import { X509Certificate } from 'node:crypto';

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

/** The certificates of a PEM bundle, or a message saying what is wrong with it. */
export function parseCaPem(pem: string, now?: number): { ok: true; certificates: X509Certificate[] } | { ok: false; problem: string } {
  const blocks = [...pem.matchAll(BLOCK)];
  if (blocks.length === 0) {
    return { ok: false, problem: 'it holds no PEM block (expected "-----BEGIN CERTIFICATE-----" … "-----END CERTIFICATE-----")' };
  }
  const certificates: X509Certificate[] = [];
  for (const [text, label] of blocks) {
    if (label !== 'CERTIFICATE') {
      // A private key pasted by mistake must not be stored in a settings file.
      return { ok: false, problem: `it holds a "${label ?? ''}" block; only CERTIFICATE blocks belong here (never a private key)` };
    }
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(text);
    } catch {
      return { ok: false, problem: `certificate ${certificates.length + 1} is not a valid X.509 certificate` };
    }
    if (now !== undefined && Date.parse(cert.validTo) < now) {
      return { ok: false, problem: `certificate "${cert.subject.replace(/\n/g, ', ')}" expired on ${cert.validTo}` };
    }
    certificates.push(cert);
  }
  return { ok: true, certificates };
}

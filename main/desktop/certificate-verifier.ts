// A profile's extra CA in the app: Chromium verifies every E-FOTA connection against the OS
// certificate store first. Only when its verdict is "untrusted root" (ERR_CERT_AUTHORITY_INVALID) may
// this verifier accept the certificate instead, and only if the chain Chromium saw verifies to the
// profile's CA here — signatures, CA flags, validity dates and the host name all checked — so the
// extra CA adds one trust anchor for that profile's session and never weakens any other check.
// Installed with `session.setCertificateVerifyProc` on the profile's own session (main/app/network.ts).
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { parseCaPem } from '../store/ca-pem.ts';

/** `setCertificateVerifyProc` callback values (Electron docs): accept, reject, keep Chromium's verdict. */
export const VERIFY = { accept: 0, reject: -2, useChromium: -3 } as const;
/** What the callback takes. */
export type VerifyResult = (typeof VERIFY)[keyof typeof VERIFY];

/** Chromium's net::ERR_CERT_AUTHORITY_INVALID: the chain ends at a root the OS does not trust. */
export const ERR_CERT_AUTHORITY_INVALID = -202;

const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const MAX_DEPTH = 8;

/** The part of Electron's `Certificate` the verifier reads (PEM data and the issuer chain). */
export interface CertificateLike {
  readonly data: string;
  readonly issuerCert?: CertificateLike | null;
}

/** The part of Electron's certificate-verify `Request` the verifier reads. */
export interface VerifyRequestLike {
  readonly hostname: string;
  readonly certificate: CertificateLike;
  readonly validatedCertificate?: CertificateLike | null;
  readonly errorCode: number;
  readonly verificationResult: string;
}

/** A decision and why (the reason goes to the log; it never holds certificate contents). */
export interface VerifyDecision {
  readonly result: VerifyResult;
  readonly reason: string;
}

/** True when Chromium's verdict is "the root is not trusted" (and only that). */
export function isUntrustedRoot(request: Pick<VerifyRequestLike, 'errorCode' | 'verificationResult'>): boolean {
  // Electron reports the verdict twice: the number, and net::ErrorToString of it.
  return request.errorCode === ERR_CERT_AUTHORITY_INVALID || request.verificationResult.replace(/^net::/, '') === 'ERR_CERT_AUTHORITY_INVALID';
}

/** Decides one verification for a profile whose extra CA certificates are `anchors`. */
export function decide(request: VerifyRequestLike, anchors: readonly X509Certificate[], now: number): VerifyDecision {
  if (request.errorCode === 0) return { result: VERIFY.useChromium, reason: 'trusted by the system' };
  if (!isUntrustedRoot(request)) {
    return { result: VERIFY.useChromium, reason: `refused by the system (${request.verificationResult || request.errorCode})` };
  }
  if (anchors.length === 0) return { result: VERIFY.useChromium, reason: 'untrusted root and no extra CA' };
  let presented: X509Certificate[];
  try {
    presented = [...chainOf(request.certificate), ...(request.validatedCertificate ? chainOf(request.validatedCertificate) : [])];
  } catch {
    return { result: VERIFY.reject, reason: 'the server sent a certificate that cannot be read' };
  }
  const leaf = presented[0];
  if (!leaf) return { result: VERIFY.reject, reason: 'the server sent no certificate' };
  if (!hostMatches(leaf, request.hostname)) return { result: VERIFY.reject, reason: `the certificate is not for ${request.hostname}` };
  const eku = leaf.keyUsage as string[] | undefined;
  if (eku && eku.length > 0 && !eku.includes(SERVER_AUTH)) {
    return { result: VERIFY.reject, reason: 'the certificate is not meant for a TLS server' };
  }
  // An admin may "pin" a self-signed server certificate by giving it as the extra CA.
  const pinned = anchors.find((a) => a.fingerprint256 === leaf.fingerprint256);
  if (pinned) {
    const problem = dateProblem(leaf, now);
    return problem ? { result: VERIFY.reject, reason: problem } : { result: VERIFY.accept, reason: 'the certificate is the extra CA itself' };
  }
  if (leaf.ca) return { result: VERIFY.reject, reason: 'the server presented a CA certificate as its own' };

  let current = leaf;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const problem = dateProblem(current, now);
    if (problem) return { result: VERIFY.reject, reason: problem };
    const anchor = anchors.find((a) => a.ca && issuedBy(current, a));
    if (anchor) {
      const anchorProblem = dateProblem(anchor, now);
      if (anchorProblem) return { result: VERIFY.reject, reason: `the extra CA: ${anchorProblem}` };
      return { result: VERIFY.accept, reason: `chains to the extra CA ${firstLine(anchor.subject)}` };
    }
    const from = current;
    const next = presented.find((c) => c.fingerprint256 !== from.fingerprint256 && c.ca && issuedBy(from, c));
    if (!next) return { result: VERIFY.reject, reason: 'the chain does not lead to the extra CA' };
    current = next;
  }
  return { result: VERIFY.reject, reason: 'the chain is too long' };
}

/** The certificates of an Electron chain, leaf first (stops at a self-issued or repeated link). */
function chainOf(start: CertificateLike): X509Certificate[] {
  const chain: X509Certificate[] = [];
  const seen = new Set<string>();
  let node: CertificateLike | null | undefined = start;
  while (node && chain.length < MAX_DEPTH) {
    const cert = new X509Certificate(node.data);
    if (seen.has(cert.fingerprint256)) break;
    seen.add(cert.fingerprint256);
    chain.push(cert);
    node = node.issuerCert;
  }
  return chain;
}

/** `child` names `parent` as its issuer and carries a valid signature by `parent`'s key. */
function issuedBy(child: X509Certificate, parent: X509Certificate): boolean {
  try {
    return child.checkIssued(parent) && child.verify(parent.publicKey);
  } catch {
    return false;
  }
}

/** Host names are matched the way browsers do: subjectAltName only, no partial wildcards. */
function hostMatches(cert: X509Certificate, hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return cert.checkIP(host) !== undefined;
  return cert.checkHost(host, { subject: 'never', partialWildcards: false }) !== undefined;
}

function dateProblem(cert: X509Certificate, now: number): string | null {
  const from = Date.parse(cert.validFrom);
  const to = Date.parse(cert.validTo);
  if (!Number.isFinite(from) || !Number.isFinite(to)) return `${firstLine(cert.subject)} has unreadable dates`;
  if (now < from) return `${firstLine(cert.subject)} is not valid before ${cert.validFrom}`;
  if (now > to) return `${firstLine(cert.subject)} expired on ${cert.validTo}`;
  return null;
}

function firstLine(subject: string): string {
  const cn = /^CN=(.*)$/m.exec(subject);
  return `"${(cn?.[1] ?? subject.split('\n')[0] ?? '').trim()}"`;
}

/** Electron's `setCertificateVerifyProc` procedure shape. */
export type VerifyProc = (request: VerifyRequestLike, callback: (result: number) => void) => void;

/**
 * The verify procedure for one profile: `extraCaPem` is the profile's extra CA (null: none, the
 * system's verdict stands). `log` gets one line per certificate this procedure overrules or refuses.
 */
export function createCertificateVerifier(extraCaPem: string | null, options: { now?: () => number; log?: (line: string) => void } = {}): VerifyProc {
  const now = options.now ?? Date.now;
  let anchors: X509Certificate[] = [];
  if (extraCaPem) {
    const parsed = parseCaPem(extraCaPem);
    // A bad PEM was refused when the profile was saved; if one slips through, trust nothing extra.
    if (parsed.ok) anchors = parsed.certificates;
    else options.log?.(`extra CA ignored: ${parsed.problem}`);
  }
  return (request, callback) => {
    const decision = decide(request, anchors, now());
    if (decision.result !== VERIFY.useChromium) {
      options.log?.(`certificate for ${request.hostname}: ${decision.result === VERIFY.accept ? 'accepted' : 'refused'} (${decision.reason})`);
    }
    callback(decision.result);
  };
}

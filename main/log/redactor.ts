// Redaction done by the logger itself, so no caller can forget it: the values registered as secret
// at runtime (tokens, client secrets), plus the shapes secrets come in even when nobody registered
// them — `Authorization` headers, `Bearer …`, `access_token` / `client_secret` fields and long
// hex-and-hyphen tokens (Samsung's tokens look like `aaaa1111-bb22-cc33-dd44-eeeeee555555`).
import { secretForms } from './secret-forms.ts';

/** What replaces a secret. */
export const REDACTED = '[redacted]';

const AUTH_HEADER = /\b(authorization)(["']?\s*[:=]\s*["']?)([^"'\r\n,}]+)/gi;
const BEARER = /\b(Bearer)\s+(?!\[redacted\])[^\s"',;]+/gi;
const SECRET_FIELD = /\b(access[_-]?token|refresh[_-]?token|id[_-]?token|client[_-]?secret|api[_-]?key|password|passwd|secret|token)(["']?\s*[:=]\s*["']?)(?!\[redacted\])([^"'&\s,;}]+)/gi;
// Three or more hex groups joined by hyphens; only long ones (≥ 24 hex digits) are token-like.
const HEX_HYPHEN = /\b[0-9A-Fa-f]+(?:-[0-9A-Fa-f]+){2,}\b/g;
const MIN_HEX_DIGITS = 24;
/** Object keys whose values are never logged. */
export const SECRET_KEY = /authorization|token|secret|password|passwd|api[_-]?key|cookie/i;

/** Redacts registered secret values and secret-shaped text. */
export class Redactor {
  readonly #secrets = new Set<string>();
  /** every form of every secret (secret-forms.ts), longest first */
  #forms: string[] = [];
  readonly #allowed = new Set<string>();

  /**
   * Registers a secret value (a token, a client secret) with its URL-, form-, JSON-, base64 and
   * base64url-encoded forms; values under 6 characters are ignored, they would blank ordinary words.
   */
  addSecret(value: string | null | undefined): void {
    if (typeof value !== 'string' || value.trim().length < 6 || this.#secrets.has(value.trim())) return;
    const secret = value.trim();
    this.#secrets.add(secret);
    // Longest first, so a form that contains another is replaced whole.
    this.#forms = [...new Set([...this.#forms, ...secretForms(secret)])].sort((a, b) => b.length - a.length);
  }

  /** Declares a value that looks like a token but is not secret (a customer ID), so logs keep it. */
  allow(value: string | null | undefined): void {
    if (typeof value === 'string' && value !== '' && !this.#secrets.has(value)) this.#allowed.add(value);
  }

  /** How many secrets are registered (for diagnostics; never the values). */
  get secretCount(): number {
    return this.#secrets.size;
  }

  /** The text with every secret (in any of its forms) replaced by `[redacted]`. */
  redact(text: string): string {
    let out = text;
    for (const form of this.#forms) out = out.split(form).join(REDACTED);
    out = out.replace(AUTH_HEADER, (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`);
    out = out.replace(BEARER, `$1 ${REDACTED}`);
    out = out.replace(SECRET_FIELD, (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`);
    out = out.replace(HEX_HYPHEN, (m) => (this.#allowed.has(m) || m.replace(/-/g, '').length < MIN_HEX_DIGITS ? m : REDACTED));
    return out;
  }

  /** JSON of a value with secret-named keys blanked and every string redacted, then redacted again as text. */
  json(value: unknown): string {
    let text: string;
    try {
      // Strings are redacted before JSON escapes them: an escaped secret would no longer match.
      text = JSON.stringify(value, (key, v: unknown) =>
        key !== '' && SECRET_KEY.test(key) && v !== null && v !== undefined
          ? REDACTED
          : v instanceof Error
            ? { name: v.name, message: this.redact(v.message) }
            : typeof v === 'string'
              ? this.redact(v)
              : v,
      );
    } catch {
      text = '"<not serialisable>"';
    }
    return this.redact(text ?? 'null');
  }
}

/** The process-wide redactor every logger of this process uses. */
export const processRedactor = new Redactor();

/** Registers a secret with the process-wide redactor (call it wherever a token or client secret enters the process). */
export function registerSecret(value: string | null | undefined): void {
  processRedactor.addSecret(value);
}

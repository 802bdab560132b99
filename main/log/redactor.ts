// Redaction done by the logger itself, so no caller can forget it: the values registered as secret
// at runtime (tokens, client secrets), plus the shapes secrets come in even when nobody registered
// them — `Authorization` headers, `Bearer …`, `access_token` / `client_secret` fields and long
// hex-and-hyphen tokens (Samsung's tokens look like `aaaa1111-bb22-cc33-dd44-eeeeee555555`).

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
  readonly #allowed = new Set<string>();

  /** Registers a secret value (a token, a client secret); values under 6 characters are ignored, they would blank ordinary words. */
  addSecret(value: string | null | undefined): void {
    if (typeof value === 'string' && value.trim().length >= 6) this.#secrets.add(value.trim());
  }

  /** Declares a value that looks like a token but is not secret (a customer ID), so logs keep it. */
  allow(value: string | null | undefined): void {
    if (typeof value === 'string' && value !== '' && !this.#secrets.has(value)) this.#allowed.add(value);
  }

  /** How many secrets are registered (for diagnostics; never the values). */
  get secretCount(): number {
    return this.#secrets.size;
  }

  /** The text with every secret replaced by `[redacted]`. */
  redact(text: string): string {
    let out = text;
    // Longest first, so a secret that contains another is replaced whole.
    for (const secret of [...this.#secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join(REDACTED);
    out = out.replace(AUTH_HEADER, (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`);
    out = out.replace(BEARER, `$1 ${REDACTED}`);
    out = out.replace(SECRET_FIELD, (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`);
    out = out.replace(HEX_HYPHEN, (m) => (this.#allowed.has(m) || m.replace(/-/g, '').length < MIN_HEX_DIGITS ? m : REDACTED));
    return out;
  }

  /** JSON of a value with secret-named keys blanked, then redacted as text. */
  json(value: unknown): string {
    let text: string;
    try {
      text = JSON.stringify(value, (key, v: unknown) => (key !== '' && SECRET_KEY.test(key) && v !== null && v !== undefined ? REDACTED : v instanceof Error ? { name: v.name, message: v.message } : v));
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

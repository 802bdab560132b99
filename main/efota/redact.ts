// Every text that reaches an error, a log line or the screen from outside (undici messages, server
// bodies) goes through here first: the bearer token and client secret must never be shown.
import { secretForms } from '../log/secret-forms.ts';

const BEARER = /\b(Bearer)\s+[^\s"',;]+/gi;

/** Replaces each secret (and anything after `Bearer `) in `text` with `[redacted]`. */
export function redact(text: string, secrets: readonly (string | null | undefined)[]): string {
  let out = text.replace(BEARER, '$1 [redacted]');
  for (const secret of secrets) {
    // Very short values would blank out ordinary words; real tokens and secrets are long. An echoed
    // form body carries the secret URL-encoded, so every encoded form goes too.
    if (secret && secret.length >= 6) for (const form of secretForms(secret)) out = out.split(form).join('[redacted]');
  }
  return out;
}

/** Cuts a text to at most `max` characters for a message, marking the cut. */
export function excerpt(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max)}…`;
}

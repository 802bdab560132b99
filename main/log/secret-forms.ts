// The shapes a secret takes on its way through HTTP and JSON. A token endpoint that echoes the form
// body it got returns the client secret URL-encoded (`%2B`, or `+` for a space in a form body); a
// proxy or server may log it base64- or base64url-encoded (a Basic header, a JSON blob); JSON escapes
// quotes and backslashes. Each form is redacted like the secret itself.

/** Shorter forms would blank ordinary words; real tokens and secrets are far longer. */
const MIN_FORM_LENGTH = 6;
/** A base64 fragment this short could occur by chance in any encoded text. */
const MIN_BASE64_CORE = 8;

function base64Of(bytes: Uint8Array, url: boolean): string {
  const b64 = Buffer.from(bytes).toString('base64');
  return url ? b64.replace(/\+/g, '-').replace(/\//g, '_') : b64;
}

/**
 * The base64 (or base64url) text the secret's bytes become inside any longer encoded value: one
 * stable core per alignment (0, 1 or 2 bytes before it), without the first and last characters
 * that depend on the neighbouring bytes.
 */
function base64Cores(secret: string, url: boolean): string[] {
  const bytes = new TextEncoder().encode(secret);
  const cores: string[] = [];
  for (let before = 0; before < 3; before++) {
    const padded = new Uint8Array(before + bytes.length);
    padded.set(bytes, before);
    const encoded = base64Of(padded, url);
    const fullGroups = Math.floor(padded.length / 3);
    const core = encoded.slice(before === 0 ? 0 : 4, fullGroups * 4);
    if (core.length >= MIN_BASE64_CORE) cores.push(core);
  }
  return cores;
}

/** Every form of `secret` that must be redacted: as is, URL- and form-encoded (either hex case), JSON-escaped, and each of those base64- and base64url-encoded. */
export function secretForms(secret: string): string[] {
  const forms = new Set<string>([secret]);
  forms.add(encodeURIComponent(secret));
  forms.add(new URLSearchParams({ s: secret }).toString().slice(2));
  for (const form of [...forms]) if (/%[0-9A-F]{2}/.test(form)) forms.add(form.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()));
  forms.add(JSON.stringify(secret).slice(1, -1));
  // A whole request body may be encoded in turn (an echoed form body in base64): every text form, too.
  for (const text of [...forms]) for (const core of [...base64Cores(text, false), ...base64Cores(text, true)]) forms.add(core);
  return [...forms].filter((form) => form.length >= MIN_FORM_LENGTH);
}

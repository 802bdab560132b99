// SHA-256 and canonical JSON for batches and hand-off files. Web Crypto and TextEncoder exist in
// Node 20, Workers and Chromium alike, but common/'s ES-only lib does not declare them, so they are
// looked up on globalThis with the few members we use.

interface Subtle {
  digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>;
}
interface Encoder {
  encode(text: string): Uint8Array;
}
interface WebGlobals {
  readonly crypto?: { readonly subtle?: Subtle };
  readonly TextEncoder?: new () => Encoder;
}

const web = globalThis as unknown as WebGlobals;

/** The UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  const Ctor = web.TextEncoder;
  if (!Ctor) throw new Error('TextEncoder is not available in this runtime');
  return new Ctor().encode(text);
}

/** Lower-case hex SHA-256 of bytes (or of a string's UTF-8 bytes). */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const subtle = web.crypto?.subtle;
  if (!subtle) throw new Error('Web Crypto (crypto.subtle) is not available in this runtime');
  const bytes = typeof data === 'string' ? utf8(data) : data;
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/**
 * JSON with object keys sorted at every level and no whitespace, so the same content always gives
 * the same text (and checksum) whatever order a writer put the keys in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('canonical JSON has no form for a non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v: unknown) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new Error(`canonical JSON has no form for a ${typeof value}`);
}

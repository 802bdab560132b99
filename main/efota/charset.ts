// Which character set an answer's bytes are in, and their text. Samsung documents UTF-8 only, but a
// JAXB server, a gateway or a proxy may label (or write) another: an ISO-8859-1 "Activée" read as
// UTF-8 becomes "Activ�e". The order follows RFC 7303 §3: a byte order mark, then the Content-Type
// charset, then the XML declaration (or, for UTF-16 without either, the byte pattern of its first
// character), else UTF-8.

/** The text of a body, or the charset this runtime cannot decode. */
export type Decoded = { readonly ok: true; readonly text: string; readonly charset: string } | { readonly ok: false; readonly charset: string };

/** The `charset` parameter of a Content-Type header, lower-cased; null when there is none. */
export function charsetOf(contentType: string | null): string | null {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return m?.[1] ? m[1].toLowerCase() : null;
}

function bomCharset(b: Uint8Array): string | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return null;
}

// UTF-16 without a BOM: an XML body starts with an ASCII character, so one of its first two bytes is 0.
function utf16Pattern(b: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (b.length < 2) return null;
  if (b[0] !== 0 && b[1] === 0) return 'utf-16le';
  if (b[0] === 0 && b[1] !== 0) return 'utf-16be';
  return null;
}

function declaredCharset(b: Uint8Array): string | null {
  const head = Buffer.from(b.subarray(0, 256)).toString('latin1');
  const m = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._:-]*)["']/.exec(head);
  return m?.[1] ? m[1].toLowerCase() : null;
}

/** Which charset `bytes` are in, given the answer's Content-Type. */
export function detectCharset(bytes: Uint8Array, contentType: string | null): string {
  const bom = bomCharset(bytes);
  if (bom) return bom;
  const header = charsetOf(contentType);
  // A bare "UTF-16" says nothing of the byte order; the bytes do.
  if (header === 'utf-16' || header === 'utf16') return utf16Pattern(bytes) ?? 'utf-16be';
  if (header) return header;
  const pattern = utf16Pattern(bytes);
  if (pattern) return pattern;
  const declared = declaredCharset(bytes);
  if (declared === 'utf-16' || declared === 'utf16') return 'utf-8'; // an ASCII-compatible body cannot be UTF-16
  return declared ?? 'utf-8';
}

// WHATWG's windows-1252 for 0x80–0x9F (0x81, 0x8D, 0x8F, 0x90, 0x9D stay as they are). Node 20's
// TextDecoder decodes windows-1252 (and ISO-8859-1, its WHATWG alias) as plain Latin-1, leaving these
// as C1 control characters, so curly quotes and dashes would vanish from the text.
const CP1252_C1 = '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

function fixWindows1252(text: string): string {
  return text.replace(/[\u0080-\u009F]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80] ?? c);
}

/** Decodes an answer's bytes with the charset it is in; never throws. */
export function decodeBody(bytes: Uint8Array, contentType: string | null): Decoded {
  if (bytes.byteLength === 0) return { ok: true, text: '', charset: 'utf-8' };
  const charset = detectCharset(bytes, contentType);
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    return { ok: false, charset };
  }
  // TextDecoder drops a BOM of its own encoding; a UTF-8 BOM before UTF-16 text cannot occur (the BOM decided).
  const text = decoder.decode(bytes);
  return { ok: true, text: decoder.encoding === 'windows-1252' ? fixWindows1252(text) : text, charset: decoder.encoding };
}

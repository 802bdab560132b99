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
  return { ok: true, text: decoder.decode(bytes), charset: decoder.encoding };
}

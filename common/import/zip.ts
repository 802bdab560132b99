// The bounded unzip of an .xlsx or .ods. The central directory is read and checked first (entry count,
// offsets inside the file, declared sizes within MAX_XLSX_PART_BYTES and within what DEFLATE can
// produce from the compressed bytes), so a part declaring 4 GB is refused before anything is
// allocated. Then only the parts the importer needs are inflated, each stopped as soon as it grows
// past its declared size: a part that declares 1 kB and inflates to gigabytes is cut at 1 kB.
//
// Why not let read-excel-file unzip: its fflate `unzip` allocates the declared size up front, and
// for parts over 512 kB inflates in a Worker started from a `blob:` URL, which the app's CSP
// (`worker-src 'self'`) forbids. We inflate with the platform's DecompressionStream instead (native
// zlib in Node and Chromium, no Worker) and hand read-excel-file a stored (uncompressed) ZIP of the
// parts, which it slices without inflating or starting anything.
import { crc32 } from './crc32.ts';
import { count, ImportError, size } from './failure.ts';
import { MAX_DEFLATE_RATIO, MAX_XLSX_PART_BYTES, MAX_ZIP_ENTRIES } from './limits.ts';
import { deflateRawStream, textDecoder } from './platform.ts';

/** One entry of the central directory. */
export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly crc32: number;
  readonly compressedSize: number;
  /** the uncompressed size the directory declares */
  readonly size: number;
  readonly localHeaderOffset: number;
}

/** How messages name the archive: an .xlsx made by Excel, or an .ods made by LibreOffice. */
export interface ZipKind {
  readonly extension: '.xlsx' | '.ods';
  readonly app: string;
}

/** An Excel workbook (the default wording). */
export const XLSX_KIND: ZipKind = { extension: '.xlsx', app: 'Excel' };
/** An OpenDocument spreadsheet. */
export const ODS_KIND: ZipKind = { extension: '.ods', app: 'LibreOffice' };

/** A damaged archive, in words for the admin. */
export const damagedAs = (detail: string, kind: ZipKind = XLSX_KIND): ImportError =>
  new ImportError('damaged', `This ${kind.extension} file is damaged (${detail}). Open it in ${kind.app} and save it again, or export the list as CSV, then import it again.`);

const u16 = (b: Uint8Array, o: number): number => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number): number => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
// 64-bit fields are read as doubles: anything beyond 2^53 is far past every limit anyway.
const u64 = (b: Uint8Array, o: number): number => u32(b, o) + u32(b, o + 4) * 0x1_0000_0000;

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** True when the bytes start like a ZIP archive (an .xlsx is one). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && u32(bytes, 0) === LOCAL;
}

function findEndOfDirectory(bytes: Uint8Array, kind: ZipKind): number {
  const last = bytes.length - 22;
  const first = Math.max(0, last - 0xffff);
  for (let i = last; i >= first; i--) if (u32(bytes, i) === EOCD) return i;
  throw damagedAs('no ZIP directory at its end; the file may be cut short', kind);
}

/** Reads and checks the central directory; throws before anything is inflated. */
export function readZipDirectory(bytes: Uint8Array, kind: ZipKind = XLSX_KIND): ZipEntry[] {
  const damaged = (detail: string): ImportError => damagedAs(detail, kind);
  if (bytes.length < 22) throw damaged('too short to be a ZIP archive');
  const eocd = findEndOfDirectory(bytes, kind);
  let entries = u16(bytes, eocd + 10);
  let cdSize = u32(bytes, eocd + 12);
  let cdOffset = u32(bytes, eocd + 16);
  if (u16(bytes, eocd + 4) !== 0 || u16(bytes, eocd + 6) !== 0) throw damaged('it claims to span several disks');
  if ((entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) && eocd >= 20 && u32(bytes, eocd - 20) === ZIP64_LOCATOR) {
    const at = u64(bytes, eocd - 12);
    if (at + 56 > bytes.length || u32(bytes, at) !== ZIP64_EOCD) throw damaged('its ZIP64 directory record is missing');
    entries = u64(bytes, at + 32);
    cdSize = u64(bytes, at + 40);
    cdOffset = u64(bytes, at + 48);
  }
  if (entries > MAX_ZIP_ENTRIES) {
    throw new ImportError('part-too-large', `This ${kind.extension} file lists ${count(entries)} parts; a workbook has a few dozen, and FOTA Desk reads at most ${count(MAX_ZIP_ENTRIES)}. It is not a normal workbook: export the device list again as ${kind.extension} or CSV.`);
  }
  if (cdOffset + cdSize > bytes.length) throw damaged('its ZIP directory points past the end of the file');
  const out: ZipEntry[] = [];
  const names = new Set<string>();
  const nameDecoder = textDecoder('utf-8', false);
  let p = cdOffset;
  for (let i = 0; i < entries; i++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== CENTRAL) throw damaged('its ZIP directory is broken');
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    const crc = u32(bytes, p + 16);
    let compressedSize = u32(bytes, p + 20);
    let declared = u32(bytes, p + 24);
    const nameLength = u16(bytes, p + 28);
    const extraLength = u16(bytes, p + 30);
    const commentLength = u16(bytes, p + 32);
    let localHeaderOffset = u32(bytes, p + 42);
    if (p + 46 + nameLength + extraLength > bytes.length) throw damaged('its ZIP directory is broken');
    const name = nameDecoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    // ZIP64: a field of all ones means the real value sits in the 0x0001 extra field, in this order.
    if (declared === 0xffffffff || compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      let e = p + 46 + nameLength;
      const end = e + extraLength;
      while (e + 4 <= end) {
        const id = u16(bytes, e);
        const len = u16(bytes, e + 2);
        if (id === 0x0001) {
          let f = e + 4;
          if (declared === 0xffffffff && f + 8 <= e + 4 + len) { declared = u64(bytes, f); f += 8; }
          if (compressedSize === 0xffffffff && f + 8 <= e + 4 + len) { compressedSize = u64(bytes, f); f += 8; }
          if (localHeaderOffset === 0xffffffff && f + 8 <= e + 4 + len) localHeaderOffset = u64(bytes, f);
          break;
        }
        e += 4 + len;
      }
    }
    if (names.has(name)) throw damaged(`the part ${name} appears twice`);
    names.add(name);
    out.push({ name, method, flags, crc32: crc, compressedSize, size: declared, localHeaderOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

/** Checks what the directory declares for one part, before anything is allocated for it. */
export function checkDeclaredSize(entry: ZipEntry, kind: ZipKind = XLSX_KIND): void {
  const damaged = (detail: string): ImportError => damagedAs(detail, kind);
  if (entry.size > MAX_XLSX_PART_BYTES) {
    throw new ImportError('part-too-large',
      `The part ${entry.name} of this ${kind.extension} declares ${size(entry.size)} once unpacked; FOTA Desk reads parts up to ${size(MAX_XLSX_PART_BYTES)}. Split the device list into smaller files, or export it as CSV.`);
  }
  if (entry.flags & 0x1) {
    throw new ImportError('encrypted', `This ${kind.extension} file is a password-protected ZIP archive. Save it again from ${kind.app} without a password and import it again.`);
  }
  if (entry.method !== 0 && entry.method !== 8) throw damaged(`the part ${entry.name} uses an unknown compression method (${entry.method})`);
  if (entry.method === 0 && entry.size !== entry.compressedSize) throw damaged(`the stored part ${entry.name} has two different sizes`);
  if (entry.method === 8 && entry.size > entry.compressedSize * MAX_DEFLATE_RATIO + 1024) {
    throw damaged(`the part ${entry.name} declares ${size(entry.size)}, more than its ${size(entry.compressedSize)} of compressed data can hold`);
  }
}

function dataRange(bytes: Uint8Array, entry: ZipEntry, kind: ZipKind): [number, number] {
  const damaged = (detail: string): ImportError => damagedAs(detail, kind);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || u32(bytes, at) !== LOCAL) throw damaged(`the part ${entry.name} is missing`);
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw damaged(`the part ${entry.name} runs past the end of the file`);
  return [start, end];
}

// Compressed input is fed in slices so that one write can never release more than
// slice × 1032 bytes of output before the size check runs.
const FEED = 16 * 1024;

async function inflateBounded(input: Uint8Array, limit: number, name: string, kind: ZipKind): Promise<Uint8Array> {
  const damaged = (detail: string): ImportError => damagedAs(detail, kind);
  const stream = deflateRawStream();
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  let stopped = false;
  const feeding = (async () => {
    for (let i = 0; i < input.length && !stopped; i += FEED) {
      await writer.ready;
      await writer.write(input.subarray(i, Math.min(i + FEED, input.length)));
    }
    if (!stopped) await writer.close();
  })();
  // Errors surface on the reader side; the writer's are the same error seen twice.
  feeding.catch(() => undefined);
  const out = new Uint8Array(limit);
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!value) continue;
      if (length + value.length > limit) {
        stopped = true;
        await reader.cancel().catch(() => undefined);
        await writer.abort().catch(() => undefined);
        throw damaged(`the part ${name} unpacks to more than the ${size(limit)} it declares — possibly a "ZIP bomb"`);
      }
      out.set(value, length);
      length += value.length;
    }
  } catch (error) {
    stopped = true;
    if (error instanceof ImportError) throw error;
    throw damaged(`the part ${name} cannot be unpacked`);
  }
  if (length !== limit) throw damaged(`the part ${name} unpacks to ${size(length)} instead of the ${size(limit)} it declares`);
  return out;
}

/** Inflates one part, bounded by its declared size, and verifies its CRC-32. */
export async function extract(bytes: Uint8Array, entry: ZipEntry, kind: ZipKind = XLSX_KIND): Promise<Uint8Array> {
  checkDeclaredSize(entry, kind);
  const [start, end] = dataRange(bytes, entry, kind);
  const data = entry.method === 0 ? bytes.slice(start, end) : await inflateBounded(bytes.subarray(start, end), entry.size, entry.name, kind);
  if (crc32(data) !== entry.crc32) throw damagedAs(`the part ${entry.name} fails its checksum`, kind);
  return data;
}

/** A part to store, with its CRC-32 when already known. */
export interface StoredPart {
  readonly name: string;
  readonly data: Uint8Array;
  readonly crc?: number;
}

/** Writes a stored (uncompressed) ZIP of the given parts, for read-excel-file to slice. */
export function storedZip(parts: readonly StoredPart[]): Uint8Array {
  const encoded = parts.map((p) => ({ name: utf8(p.name), data: p.data, crc: p.crc ?? crc32(p.data) }));
  const localSize = encoded.reduce((n, e) => n + 30 + e.name.length + e.data.length, 0);
  const centralSize = encoded.reduce((n, e) => n + 46 + e.name.length, 0);
  const out = new Uint8Array(localSize + centralSize + 22);
  const view = new DataView(out.buffer);
  let p = 0;
  const offsets: number[] = [];
  for (const e of encoded) {
    offsets.push(p);
    view.setUint32(p, LOCAL, true);
    view.setUint16(p + 4, 20, true);
    view.setUint16(p + 6, 0x0800, true);
    view.setUint32(p + 14, e.crc, true);
    view.setUint32(p + 18, e.data.length, true);
    view.setUint32(p + 22, e.data.length, true);
    view.setUint16(p + 26, e.name.length, true);
    out.set(e.name, p + 30);
    out.set(e.data, p + 30 + e.name.length);
    p += 30 + e.name.length + e.data.length;
  }
  const cdStart = p;
  encoded.forEach((e, i) => {
    view.setUint32(p, CENTRAL, true);
    view.setUint16(p + 4, 20, true);
    view.setUint16(p + 6, 20, true);
    view.setUint16(p + 8, 0x0800, true);
    view.setUint32(p + 16, e.crc, true);
    view.setUint32(p + 20, e.data.length, true);
    view.setUint32(p + 24, e.data.length, true);
    view.setUint16(p + 28, e.name.length, true);
    view.setUint32(p + 42, offsets[i]!, true);
    out.set(e.name, p + 46);
    p += 46 + e.name.length;
  });
  view.setUint32(p, EOCD, true);
  view.setUint16(p + 8, encoded.length, true);
  view.setUint16(p + 10, encoded.length, true);
  view.setUint32(p + 12, p - cdStart, true);
  view.setUint32(p + 16, cdStart, true);
  return out;
}

function utf8(text: string): Uint8Array {
  // Part names are ASCII in practice; encode the rest by hand (TextEncoder is not in common/'s lib).
  const bytes: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(bytes);
}

// Writes ZIP archives for the tests and the benchmark with node:zlib, including the dishonest ones
// (a declared size that is not the real one, a wrong CRC, odd flags) a hostile file would use.
import { crc32 as zlibCrc32, deflateRawSync } from 'node:zlib';

/** One entry; everything a test may want to lie about is optional. */
export interface ZipSpec {
  readonly name: string;
  readonly data: Uint8Array;
  /** 0 stored, 8 deflated (default) */
  readonly method?: number;
  /** the uncompressed size written in the headers (default: the real one) */
  readonly declaredSize?: number;
  readonly crc?: number;
  readonly flags?: number;
  /** compressed bytes to write instead of compressing `data` */
  readonly compressed?: Uint8Array;
}

/** CRC-32 as ZIP records it. */
export function crc32(data: Uint8Array): number {
  return zlibCrc32(data) >>> 0;
}

/** Builds a ZIP archive from the entries. */
export function zipBytes(entries: readonly ZipSpec[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const method = e.method ?? 8;
    const body = e.compressed ?? (method === 8 ? deflateRawSync(e.data, { level: 6 }) : e.data);
    const size = e.declaredSize ?? e.data.length;
    const crc = e.crc ?? crc32(e.data);
    const flags = (e.flags ?? 0) | 0x0800;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, Buffer.from(body));
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

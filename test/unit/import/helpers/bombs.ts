// Deflate streams that inflate far beyond their size, built without ever holding the inflated data:
// one sync-flushed block of 1 MiB of zeros is repeated, then a final empty block ends the stream.
import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';

const MIB = 1024 * 1024;

/** A raw DEFLATE stream that inflates to `mib` MiB of zeros (about 1 kB per MiB). */
export function zerosDeflate(mib: number): Uint8Array {
  const block = deflateRawSync(Buffer.alloc(MIB), { finishFlush: constants.Z_SYNC_FLUSH });
  const end = Buffer.from([0x03, 0x00]); // a final, empty block with fixed codes
  const out = Buffer.alloc(block.length * mib + end.length);
  for (let i = 0; i < mib; i++) block.copy(out, i * block.length);
  end.copy(out, block.length * mib);
  return new Uint8Array(out);
}

/** Checks the construction on a small instance (so a test of the bomb cannot pass by accident). */
export function inflatedSize(stream: Uint8Array): number {
  return inflateRawSync(stream).length;
}

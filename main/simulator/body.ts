// Reading a request body with a cap, so a huge or endless upload costs little and crashes nothing.
import type { IncomingMessage } from 'node:http';

/** What reading the body gave. */
export type BodyResult = { kind: 'ok'; text: string } | { kind: 'too-large' } | { kind: 'aborted' };

/** Past the cap the rest is drained and dropped up to this much, then the connection is cut. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

/** Reads the body as UTF-8; past `maxBytes` it keeps draining (so a 400 can still be read by the client). */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    const declared = Number(req.headers['content-length'] ?? 'NaN');
    if (Number.isFinite(declared) && declared > DRAIN_LIMIT) {
      resolve({ kind: 'too-large' });
      return;
    }
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > DRAIN_LIMIT) {
        req.socket.destroy();
        return;
      }
      if (size > maxBytes) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? { kind: 'too-large' } : { kind: 'ok', text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', () => resolve({ kind: 'aborted' }));
    req.on('close', () => {
      if (!req.complete) resolve({ kind: 'aborted' });
    });
  });
}

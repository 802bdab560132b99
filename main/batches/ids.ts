// Batch ids: random, file-name safe (they name the batch file) and short enough to type.
import { randomBytes } from 'node:crypto';

/** A fresh batch id, e.g. `b-3f9a1c07d2e4`. */
export function newBatchId(): string {
  return `b-${randomBytes(6).toString('hex')}`;
}

// A failure a service expects and the window must explain: it carries the contract's error code,
// so the handler table turns it into `{ ok: false, error }` data unchanged.
import type { ErrorCode } from '../../common/contract.ts';

/** An expected failure with a code the renderer can branch on. */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** what to do about it, when there is something to do */
    readonly remedy: string | null = null,
  ) {
    super(message);
  }
}

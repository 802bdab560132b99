// The simulator's own record of every call it accepted, so tests can hold a client's journal
// against what the server really did.
import type { CallDetails } from './business.ts';
import type { SimOperation } from './operations.ts';

/** How the answer of an accepted call left the server. */
export type CallOutcome =
  /** the success answer was sent */
  | 'ok'
  /** state changed, then the connection was reset: the client cannot know it worked */
  | 'reset-after-commit'
  /** state changed, then a 500 FUD_9003 was sent instead of the answer */
  | 'server-error-after-commit';

/** One accepted (committed) call. */
export interface CallRecord extends CallDetails {
  /** 1, 2, 3 ... in commit order */
  seq: number;
  operation: SimOperation;
  /** the path as requested (serviceregister has two spellings) */
  path: string;
  /** clock time of the commit (epoch ms) */
  at: number;
  outcome: CallOutcome;
  /** true when the answer was deliberately broken after the commit */
  broken: boolean;
}

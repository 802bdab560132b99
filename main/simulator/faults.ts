// Fault knobs: what a real network and a real server do to a client on a bad day. Rates draw from a
// seeded PRNG so a run repeats; `script` forces exact faults on the next calls.
import { SeededRandom } from './random.ts';
import type { SimOperation } from './operations.ts';

/** One forced outcome for the next API call (consumed in order by `script`). */
export type FaultKind =
  | 'none'
  /** connection destroyed before the request is read: the server never saw it */
  | 'reset-before-read'
  /** 429 with Retry-After, nothing done */
  | 'rate-limit'
  /** 500 FUD_9001/9003 after the checks, nothing done */
  | 'server-error'
  /** the call is committed (state changed, recorded), then the connection is destroyed */
  | 'reset-after-commit'
  /** the call is committed, then a 500 FUD_9003 is sent instead of the real answer */
  | 'server-error-after-commit';

/** Fault settings; mutable at run time through `sim.faults`. */
export interface FaultSettings {
  /** added before every answer (token endpoint included), in real milliseconds */
  latencyMs: number;
  /** share (0..1) of API calls answered 500 before anything is done */
  serverErrorRate: number;
  /** which code those 500s carry; `mixed` alternates by chance */
  serverErrorCode: 'FUD_9001' | 'FUD_9003' | 'mixed';
  /** share (0..1) of API calls answered 429 */
  rateLimitRate: number;
  /** the `Retry-After` value of a 429, in seconds */
  retryAfterSeconds: number;
  /** share (0..1) of API calls whose connection is reset before the request is read */
  resetBeforeReadRate: number;
  /** share (0..1) of successful API calls whose answer is broken after the commit */
  afterCommitRate: number;
  /** how an after-commit failure looks */
  afterCommitMode: 'reset' | 'server-error';
  /** wait between commit and answer, in real milliseconds (a client can be killed in this window) */
  afterCommitDelayMs: number;
  /** every bearer token is refused with 401 (revocation), the fixed token included */
  revokeTokens: boolean;
  /** forced outcomes for the next API calls, consumed one per call before the rates apply */
  script: FaultKind[];
  /** only these operations get rate-based and scripted faults (`token` = the token endpoint); empty = every API operation */
  operations: Array<SimOperation | 'token'>;
  /** seed of the PRNG behind the rates; changing it (or assigning `sim.faults`) restarts the sequence */
  seed: number;
}

/** No faults at all. */
export const DEFAULT_FAULTS: Readonly<FaultSettings> = Object.freeze({
  latencyMs: 0,
  serverErrorRate: 0,
  serverErrorCode: 'FUD_9003',
  rateLimitRate: 0,
  retryAfterSeconds: 1,
  resetBeforeReadRate: 0,
  afterCommitRate: 0,
  afterCommitMode: 'reset',
  afterCommitDelayMs: 0,
  revokeTokens: false,
  script: [],
  operations: [],
  seed: 1,
});

const RATES = ['serverErrorRate', 'rateLimitRate', 'resetBeforeReadRate', 'afterCommitRate'] as const;
const DURATIONS = ['latencyMs', 'retryAfterSeconds', 'afterCommitDelayMs'] as const;

/** Checks a complete fault setting; throws a RangeError naming the bad knob. */
export function validateFaults(f: FaultSettings): void {
  for (const key of RATES) {
    const v = f[key];
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new RangeError(`simulator fault '${key}' must be a number in 0..1`);
  }
  for (const key of DURATIONS) {
    const v = f[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new RangeError(`simulator fault '${key}' must be a number ≥ 0`);
  }
  if (!['FUD_9001', 'FUD_9003', 'mixed'].includes(f.serverErrorCode)) throw new RangeError(`simulator fault 'serverErrorCode' must be FUD_9001, FUD_9003 or mixed`);
  if (!['reset', 'server-error'].includes(f.afterCommitMode)) throw new RangeError(`simulator fault 'afterCommitMode' must be reset or server-error`);
  if (!Array.isArray(f.script) || !Array.isArray(f.operations)) throw new RangeError('simulator faults: script and operations must be arrays');
  if (!Number.isInteger(f.seed)) throw new RangeError(`simulator fault 'seed' must be an integer`);
}

/**
 * The live fault settings plus the PRNG that serves them. Settings are read at each call, so a test
 * may change `sim.faults.serverErrorRate` between two requests.
 */
export class FaultBox {
  readonly settings: FaultSettings;
  #random: SeededRandom;
  #seed: number;

  constructor(given: Partial<FaultSettings> = {}) {
    this.settings = { ...DEFAULT_FAULTS, script: [], operations: [], ...given };
    validateFaults(this.settings);
    this.#seed = this.settings.seed;
    this.#random = new SeededRandom(this.#seed);
  }

  /** Replaces every setting at once (unspecified ones return to their defaults) and restarts the PRNG. */
  replace(given: Partial<FaultSettings>): void {
    const next = { ...DEFAULT_FAULTS, script: [], operations: [], ...given };
    validateFaults(next);
    Object.assign(this.settings, next);
    this.#seed = next.seed;
    this.#random = new SeededRandom(next.seed);
  }

  #draw(rate: number): boolean {
    if (this.settings.seed !== this.#seed) {
      this.#seed = this.settings.seed;
      this.#random = new SeededRandom(this.#seed);
    }
    if (rate <= 0) return false;
    if (rate >= 1) return true;
    return this.#random.next() < rate;
  }

  /** Whether faults apply to this operation at all. */
  applies(operation: SimOperation | 'token'): boolean {
    const only = this.settings.operations;
    return only.length === 0 ? operation !== 'token' : only.includes(operation);
  }

  /** Takes the next scripted fault, if any (only for operations the faults apply to). */
  takeScripted(operation: SimOperation | 'token'): FaultKind | null {
    if (!this.applies(operation)) return null;
    return this.settings.script.shift() ?? null;
  }

  /** Rolls the rate-based fault that comes before the request is read. */
  rollBeforeRead(operation: SimOperation | 'token'): boolean {
    return this.applies(operation) && this.#draw(this.settings.resetBeforeReadRate);
  }

  /** Rolls the 429. */
  rollRateLimit(operation: SimOperation | 'token'): boolean {
    return this.applies(operation) && this.#draw(this.settings.rateLimitRate);
  }

  /** Rolls the 500 that comes after the checks and before the commit. */
  rollServerError(operation: SimOperation): boolean {
    return this.applies(operation) && this.#draw(this.settings.serverErrorRate);
  }

  /** Rolls the failure after the commit. */
  rollAfterCommit(operation: SimOperation): boolean {
    return this.applies(operation) && this.#draw(this.settings.afterCommitRate);
  }

  /** The code of an injected 500. */
  serverErrorCode(): 'FUD_9001' | 'FUD_9003' {
    const c = this.settings.serverErrorCode;
    if (c !== 'mixed') return c;
    return this.#draw(0.5) ? 'FUD_9001' : 'FUD_9003';
  }
}

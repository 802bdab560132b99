/** A source of the current time in epoch milliseconds; injected so tests can move time. */
export interface Clock {
  now(): number;
}

/** The real wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to (simulator and tests). */
export class ManualClock implements Clock {
  #now: number;

  constructor(start: number | Date = Date.now()) {
    this.#now = typeof start === 'number' ? start : start.getTime();
  }

  /** Current time in epoch milliseconds. */
  now(): number {
    return this.#now;
  }

  /** Sets the clock to an absolute time. */
  set(at: number | Date): void {
    this.#now = typeof at === 'number' ? at : at.getTime();
  }

  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.#now += ms;
  }
}

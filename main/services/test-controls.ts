// Test-only controls of the practice simulator: its latency, its clock (so a test can see devices
// finish downloading without waiting hours) and scripted faults for the next forceUpdate calls.
// Honoured only in a source checkout with FOTA_DESK_TEST_CONTROLS=1; a packaged app never offers them.
import type { Clock } from '../../common/clock.ts';
import type { TestControlsChange, TestControlsView } from '../../common/contract.ts';
import type { RunningSimulator } from '../simulator/index.ts';
import { ServiceError } from './service-error.ts';

/** The variable that turns the controls on (ignored when packaged). */
export const TEST_CONTROLS_ENV = 'FOTA_DESK_TEST_CONTROLS';

/** The controls; inert unless enabled. */
export class PracticeTestControls {
  readonly enabled: boolean;
  /** the practice simulator's clock: the app's clock plus the offset a test added */
  readonly clock: Clock;
  #offsetMs = 0;
  #latencyMs = 0;
  #sim: RunningSimulator | null = null;

  constructor(env: Readonly<Record<string, string | undefined>>, isPackaged: boolean, base: Clock) {
    this.enabled = !isPackaged && env[TEST_CONTROLS_ENV] === '1';
    this.clock = { now: () => base.now() + this.#offsetMs };
  }

  /** Applies the settings to a practice simulator that just started. */
  attach(sim: RunningSimulator): void {
    if (!this.enabled) return;
    this.#sim = sim;
    sim.faults.latencyMs = this.#latencyMs;
  }

  /** Changes the settings; NOT_AVAILABLE unless enabled. */
  change(change: TestControlsChange): TestControlsView {
    if (!this.enabled) {
      throw new ServiceError('NOT_AVAILABLE', `Test controls are available only to automated tests of a source checkout (${TEST_CONTROLS_ENV}=1); a packaged FOTA Desk never offers them.`);
    }
    if (change.latencyMs !== null) {
      this.#latencyMs = change.latencyMs;
      if (this.#sim) this.#sim.faults.latencyMs = change.latencyMs;
    }
    if (change.advanceMinutes !== null) this.#offsetMs += change.advanceMinutes * 60_000;
    if (change.forceUpdateFaults !== null) {
      if (!this.#sim) throw new ServiceError('NOT_AVAILABLE', 'The practice simulator has not started yet: make one call to the practice tenant first.');
      this.#sim.faults.operations = change.forceUpdateFaults.length > 0 ? ['forceUpdate'] : [];
      this.#sim.faults.script = [...change.forceUpdateFaults];
    }
    return this.view();
  }

  /** The settings now. */
  view(): TestControlsView {
    return { latencyMs: this.#latencyMs, offsetMinutes: Math.round(this.#offsetMs / 60_000), pendingFaults: this.#sim?.faults.script.length ?? 0 };
  }
}

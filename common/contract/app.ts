// The app-wide channels: what runs, the practice simulator's test-only controls, and the desktop
// shell's requests held for the page.
import * as v from 'valibot';
import { channel, choice, list, none, obj, reply, whole, type Checked } from './schema.ts';
import type { ShellRequest, TestControlsView } from './shell-views.ts';
import type { AppInfo } from './views.ts';

/** Largest latency a test may set (the client's own timeouts are longer). */
export const MAX_TEST_LATENCY_MS = 30_000;

/** A change to the practice simulator, for automated tests of a source checkout only; null leaves a setting unchanged. */
const testControlsChange = obj({
  /** added before every answer of the simulator, in ms */
  latencyMs: v.nullable(whole(0, MAX_TEST_LATENCY_MS)),
  /** moves the simulator's clock forward by this many minutes (0: unchanged) */
  advanceMinutes: v.nullable(whole(0, 60 * 24 * 120)),
  /** exact outcomes for the next forceUpdate calls */
  forceUpdateFaults: v.nullable(list(choice(['none', 'reset-after-commit', 'server-error-after-commit', 'reset-before-read']), 100)),
});
/** A change to the practice simulator's test-only settings. */
export type TestControlsChange = Checked<typeof testControlsChange>;

/** The app-wide channels. */
export const appChannels = {
  /** version, transport and data folder */
  'app:info': channel(none, reply<AppInfo>()),
  /** test-only controls of the practice simulator (NOT_AVAILABLE in a packaged app or without FOTA_DESK_TEST_CONTROLS) */
  'practice:testControls': channel(testControlsChange, reply<TestControlsView>()),
  /**
   * called once at the end of the page's start-up: what the desktop shell asked of the page before
   * it listened (a `.fotabatch` opened at cold start…), in order; later requests come as `shell:request`
   */
  'shell:pendingRequests': channel(none, reply<readonly ShellRequest[]>()),
} as const;

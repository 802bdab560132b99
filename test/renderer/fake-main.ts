// A fake main process behind `window.fota`: the one edge the component tests replace (Electron's IPC
// or web mode's HTTP). The bridge itself is the real one (common/contract/bridge.ts); each channel
// answers what the test told it to, every call is recorded, and events can be sent to the page.
import type { EventChannel, EventPayload, InvokeChannel, InvokeRequest, InvokeResponse } from '../../common/contract.ts';
import { buildBridge } from '../../common/contract/bridge.ts';
import { fail, ok, type Result } from '../../common/contract/result.ts';

type Answer<K extends InvokeChannel> = (request: InvokeRequest<K>) => Result<InvokeResponse<K>> | Promise<Result<InvokeResponse<K>>>;

/** One call the page made. */
export interface RecordedCall {
  readonly channel: InvokeChannel;
  readonly payload: unknown;
}

/** The fake main: set answers per channel, read the calls, emit events. */
export class FakeMain {
  readonly calls: RecordedCall[] = [];
  readonly #answers = new Map<InvokeChannel, (request: unknown) => unknown>();
  readonly #listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();

  /** answers `channel` with `answer` (a function of the request, or one fixed result) from now on */
  answer<K extends InvokeChannel>(channel: K, answer: Answer<K> | Result<InvokeResponse<K>>): this {
    this.#answers.set(channel, typeof answer === 'function' ? (answer as (request: unknown) => unknown) : () => answer);
    return this;
  }

  /** answers `channel` with ok(data) */
  answerOk<K extends InvokeChannel>(channel: K, data: InvokeResponse<K>): this {
    return this.answer(channel, ok(data));
  }

  /** the payloads of every call to `channel`, in order */
  callsTo<K extends InvokeChannel>(channel: K): InvokeRequest<K>[] {
    return this.calls.filter((c) => c.channel === channel).map((c) => c.payload as InvokeRequest<K>);
  }

  /** sends an event to the page, as main does */
  emit<K extends EventChannel>(channel: K, payload: EventPayload<K>): void {
    for (const listener of this.#listeners.get(channel) ?? []) listener(payload);
  }

  /** installs the real bridge over this fake as `window.fota` */
  install(): this {
    window.fota = buildBridge({
      kind: 'web',
      call: async (channel, payload) => {
        this.calls.push({ channel, payload });
        const answer = this.#answers.get(channel);
        // A channel the test did not expect answers like a service that is not there.
        return answer ? await answer(payload) : fail('NOT_AVAILABLE', `The fake main has no answer for ${channel}.`);
      },
      subscribe: (channel, listener) => {
        const set = this.#listeners.get(channel) ?? new Set();
        set.add(listener);
        this.#listeners.set(channel, set);
        return () => set.delete(listener);
      },
    });
    return this;
  }
}

/** A promise the test resolves itself, to hold a call open and see the page while it waits. */
export function deferred<T>(): { readonly promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

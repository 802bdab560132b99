// Main → renderer events, typed by the contract. Services emit; each transport (web mode's SSE,
// Electron's webContents.send) subscribes once and forwards every event to its windows.
import type { EventChannel, EventPayload } from '../../common/contract.ts';

/** One event as a transport forwards it. */
export interface AppEvent<K extends EventChannel = EventChannel> {
  readonly channel: K;
  readonly payload: EventPayload<K>;
}

/** Where services send events. */
export interface EventSink {
  emit<K extends EventChannel>(channel: K, payload: EventPayload<K>): void;
}

/** A fan-out of events to any number of transports. */
export class EventBus implements EventSink {
  readonly #listeners = new Set<(event: AppEvent) => void>();

  /** Sends an event to every subscriber; a failing subscriber never stops the others. */
  emit<K extends EventChannel>(channel: K, payload: EventPayload<K>): void {
    const event = { channel, payload } as AppEvent;
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch {
        // A closed connection's listener may throw while it is being removed; the others still get the event.
      }
    }
  }

  /** Receives every event; returns the unsubscribe. */
  subscribe(listener: (event: AppEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** How many subscribers are attached (tests, diagnostics). */
  get size(): number {
    return this.#listeners.size;
  }
}

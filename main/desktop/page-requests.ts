// Requests from the desktop shell to the page (open a file main read, show Settings) must survive
// the moments the page cannot hear them: at cold start a double-clicked `.fotabatch` (Windows argv,
// macOS `open-file` before `ready`) is read before the page has subscribed to `shell:request`, and
// a window opened for a file on macOS loads its page after the file arrived. So requests are held
// until the page, at the end of its start-up, asks for them (`shell:pendingRequests`); from then on
// they travel as `shell:request` events, until the page goes away (closed, reloaded, crashed).
import type { ShellRequest } from '../../common/contract.ts';
import type { EventSink } from '../services/events.ts';

/** The queue between the shell and the page. */
export class PageRequests {
  readonly #events: EventSink;
  readonly #held: ShellRequest[] = [];
  #listening = false;

  constructor(events: EventSink) {
    this.#events = events;
  }

  /** Hands `request` to the page now if it is listening, else keeps it until the page asks. */
  request(request: ShellRequest): void {
    if (this.#listening) {
      this.#events.emit('shell:request', request);
      return;
    }
    // Settings asked for twice before the page started is still one Settings screen.
    if (request.kind === 'show-settings' && this.#held.some((r) => r.kind === 'show-settings')) return;
    this.#held.push(request);
  }

  /** The page finished starting: everything held so far, in order; later requests go as events. */
  take(): ShellRequest[] {
    this.#listening = true;
    return this.#held.splice(0);
  }

  /** The page went away (window closed, page reloading or crashed): hold requests again. */
  pageGone(): void {
    this.#listening = false;
  }

  /** Requests waiting for the page (diagnostics, tests). */
  get held(): readonly ShellRequest[] {
    return [...this.#held];
  }
}

/** The part of a webContents that tells when its page goes away. */
export interface PageLifecycle {
  on(event: string, listener: (details?: unknown) => void): unknown;
}

/**
 * Calls `gone` whenever the page of `contents` stops listening: a new document starts loading in its
 * main frame (a reload), its renderer process ended, or the contents were destroyed.
 */
export function watchPageGone(contents: PageLifecycle, gone: () => void): void {
  contents.on('did-start-navigation', (details) => {
    const navigation = (typeof details === 'object' && details !== null ? details : {}) as { isMainFrame?: unknown; isSameDocument?: unknown };
    if (navigation.isMainFrame !== false && navigation.isSameDocument !== true) gone();
  });
  contents.on('render-process-gone', () => gone());
  contents.on('destroyed', () => gone());
}

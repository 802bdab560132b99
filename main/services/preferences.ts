// App-wide preferences (preferences.json in the data folder), shared by the window and the CLI.
import path from 'node:path';
import type { PreferencesView } from '../../common/contract.ts';
import type { EventSink } from './events.ts';
import { JsonDocument } from './json-document.ts';
import { DEFAULT_PREFERENCES, preferencesSchema } from './preferences-schema.ts';

export { DEFAULT_PREFERENCES } from './preferences-schema.ts';

/** The preferences of one data folder. */
export class PreferencesService {
  readonly #doc: JsonDocument<PreferencesView>;

  constructor(
    dataDir: string,
    private readonly events: EventSink,
    onMovedAside: (movedTo: string, problem: string) => void,
  ) {
    this.#doc = new JsonDocument(path.join(dataDir, 'preferences.json'), preferencesSchema, {}, () => DEFAULT_PREFERENCES);
    this.#doc.onMovedAside = onMovedAside;
  }

  /** The current preferences. */
  async get(): Promise<PreferencesView> {
    return this.#doc.read();
  }

  /** Changes some preferences and tells every window. */
  async update(change: Partial<PreferencesView>): Promise<PreferencesView> {
    const next = await this.#doc.update((current) => ({ ...current, ...change }));
    this.events.emit('preferences:changed', next);
    return next;
  }
}

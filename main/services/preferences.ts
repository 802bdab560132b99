// App-wide preferences (preferences.json in the data folder), shared by the window and the CLI.
import path from 'node:path';
import { CONCURRENCY_RANGE, type ExportDelimiter, type PreferencesView } from '../../common/contract.ts';
import type { EventSink } from './events.ts';
import { isRecord, JsonDocument, type DocumentCheck } from './json-document.ts';

/** Preferences of a fresh install. */
export const DEFAULT_PREFERENCES: PreferencesView = { concurrency: 2, exportDelimiter: ',', welcomeDone: false };

const DELIMITERS: readonly ExportDelimiter[] = [',', ';', '\t'];

const check: DocumentCheck<PreferencesView> = (raw) => {
  if (!isRecord(raw)) return { ok: false, problem: 'it is not a JSON object' };
  const c = raw['concurrency'] ?? DEFAULT_PREFERENCES.concurrency;
  if (typeof c !== 'number' || !Number.isInteger(c) || c < CONCURRENCY_RANGE.min || c > CONCURRENCY_RANGE.max) {
    return { ok: false, problem: `concurrency must be a whole number from ${CONCURRENCY_RANGE.min} to ${CONCURRENCY_RANGE.max}` };
  }
  const d = raw['exportDelimiter'] ?? DEFAULT_PREFERENCES.exportDelimiter;
  if (typeof d !== 'string' || !(DELIMITERS as readonly string[]).includes(d)) return { ok: false, problem: 'exportDelimiter must be a comma, a semicolon or a tab' };
  const w = raw['welcomeDone'] ?? false;
  if (typeof w !== 'boolean') return { ok: false, problem: 'welcomeDone must be true or false' };
  return { ok: true, value: { concurrency: c, exportDelimiter: d as ExportDelimiter, welcomeDone: w } };
};

/** The preferences of one data folder. */
export class PreferencesService {
  readonly #doc: JsonDocument<PreferencesView>;

  constructor(
    dataDir: string,
    private readonly events: EventSink,
    onMovedAside: (movedTo: string, problem: string) => void,
  ) {
    this.#doc = new JsonDocument(path.join(dataDir, 'preferences.json'), check, () => DEFAULT_PREFERENCES);
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

// Column mappings the admin chose in the mapping dialog, remembered per header row so the next
// file from the same MDM export maps itself (import-mappings.json in the data folder).
import path from 'node:path';
import type { Clock } from '../../common/clock.ts';
import type { SavedMapping } from '../../common/contract.ts';
import { importDevices, type ImportInput, type ImportOptions, type ImportOutcome } from '../../common/import/index.ts';
import { mappingsFileSchema, type MappingsFile } from './import-mappings-schema.ts';
import { JsonDocument } from './json-document.ts';

/** Most mappings kept; the oldest are dropped beyond it. */
export const MAX_MAPPINGS = 200;

/** The remembered mappings. */
export class ImportMappingsService {
  readonly #doc: JsonDocument<MappingsFile>;

  constructor(
    dataDir: string,
    private readonly clock: Clock,
    onMovedAside: (movedTo: string, problem: string) => void,
  ) {
    this.#doc = new JsonDocument(path.join(dataDir, 'import-mappings.json'), mappingsFileSchema, {}, () => ({ version: 1, mappings: [] }), () => clock.now());
    this.#doc.onMovedAside = onMovedAside;
  }

  /** The mapping remembered for a header, or null. */
  async get(headerKey: string): Promise<SavedMapping | null> {
    return this.#doc.read().mappings.find((m) => m.headerKey === headerKey) ?? null;
  }

  /** Remembers a mapping (replacing an older one for the same header). */
  async save(headerKey: string, columns: Readonly<Record<string, number | null>>): Promise<SavedMapping> {
    const saved: SavedMapping = { headerKey, columns: { ...columns }, savedAt: new Date(this.clock.now()).toISOString() };
    await this.#doc.update((file) => ({ version: 1, mappings: [...file.mappings.filter((m) => m.headerKey !== headerKey), saved].slice(-MAX_MAPPINGS) }));
    return saved;
  }
}

/**
 * Imports as the window does: detect the columns, then let a mapping remembered for the file's
 * header win (unless the caller gave a mapping now); a given mapping is remembered for next time.
 */
export async function importRemembering(
  input: ImportInput,
  options: ImportOptions,
  mappings: Pick<ImportMappingsService, 'get' | 'save'>,
  useRemembered = true,
): Promise<{ outcome: ImportOutcome; usedRemembered: boolean }> {
  const outcome = await importDevices(input, options);
  if (!outcome.ok || outcome.result.headerSignature === '') return { outcome, usedRemembered: false };
  const key = outcome.result.headerSignature;
  if (options.mapping !== undefined) {
    await mappings.save(key, outcome.result.mapping);
    return { outcome, usedRemembered: false };
  }
  const saved = useRemembered ? await mappings.get(key) : null;
  if (!saved || JSON.stringify(saved.columns) === JSON.stringify(outcome.result.mapping)) return { outcome, usedRemembered: false };
  const again = await importDevices(input, { ...options, mapping: saved.columns });
  return again.ok ? { outcome: again, usedRemembered: true } : { outcome, usedRemembered: false };
}

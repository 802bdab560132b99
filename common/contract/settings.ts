// The app-wide preferences and the column mappings the importer remembers per header.
import * as v from 'valibot';
import { anObject, channel, choice, flag, none, obj, reply, text, whole } from './schema.ts';
import { CONCURRENCY_RANGE, type PreferencesView, type SavedMapping } from './views.ts';

const headerKey = text({ min: 1, max: 1024 * 1024, singleLine: false });

/** Column number (or null) per role, e.g. `{ serial: 0, model: 2, imei: null }`. */
const columns = v.pipe(
  anObject('{field} must be an object of column numbers.'),
  v.check((given) => Object.keys(given).length <= 32, '{field} names too many roles.'),
  v.record(text({ min: 1, max: 40 }), v.nullable(whole(0, 255))),
);

/** Some preferences; absent keys stay as they are. */
const preferencesChange = obj({
  concurrency: v.exactOptional(whole(CONCURRENCY_RANGE.min, CONCURRENCY_RANGE.max)),
  exportDelimiter: v.exactOptional(choice([',', ';', '\t'])),
  welcomeDone: v.exactOptional(flag),
});

/** The preference and import-mapping channels. */
export const settingsChannels = {
  /** app-wide preferences */
  'preferences:get': channel(none, reply<PreferencesView>()),
  /** changes some preferences */
  'preferences:update': channel(preferencesChange, reply<PreferencesView>()),

  /** the column mapping remembered for a header, or null */
  'import:getMapping': channel(obj({ headerKey }), reply<SavedMapping | null>()),
  /** remembers a column mapping for files with this header */
  'import:saveMapping': channel(obj({ headerKey, columns }), reply<SavedMapping>()),
} as const;

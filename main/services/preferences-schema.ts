// The schema of preferences.json; a preference the file does not hold takes its default.
import * as v from 'valibot';
import { CONCURRENCY_RANGE, type PreferencesView } from '../../common/contract.ts';
import { flag, objectIgnoringOthers, oneOf, wholeNumber } from '../../common/schema/json-fields.ts';

/** Preferences of a fresh install. */
export const DEFAULT_PREFERENCES: PreferencesView = { concurrency: 2, exportDelimiter: ',', welcomeDone: false };

/** preferences.json. */
export const preferencesSchema: v.GenericSchema<unknown, PreferencesView> = objectIgnoringOthers({
  concurrency: v.optional(wholeNumber(CONCURRENCY_RANGE.min, CONCURRENCY_RANGE.max), DEFAULT_PREFERENCES.concurrency),
  exportDelimiter: v.optional(oneOf([',', ';', '\t']), DEFAULT_PREFERENCES.exportDelimiter),
  welcomeDone: v.optional(flag(), DEFAULT_PREFERENCES.welcomeDone),
});

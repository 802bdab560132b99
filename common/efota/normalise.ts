// Values arrive from spreadsheets, e-mails and web consoles carrying invisible characters; Samsung
// compares them byte for byte, so they are cleaned before any rule looks at them.

// No-break spaces (U+00A0, U+202F, U+2007), zero-width characters (U+200B–U+200D, U+2060) and the
// byte-order mark (U+FEFF).
const INVISIBLE = /[\u00A0\u2007\u202F\u200B\u200C\u200D\u2060\uFEFF]/g;

/** Removes no-break and zero-width spaces, then trims ordinary whitespace. */
export function clean(value: string): string {
  return value.replace(INVISIBLE, '').trim();
}

/** Cleans and upper-cases a value the server folds to upper case (mdmId, groupId, serials). */
export function cleanUpper(value: string): string {
  return clean(value).toUpperCase();
}

/** Normalises a serial number: cleaned and upper-cased (REFERENCE §1.5.4). */
export const normaliseSerial = cleanUpper;
/** Normalises an MDM ID: cleaned and upper-cased. */
export const normaliseMdmId = cleanUpper;
/** Normalises a group ID: cleaned and upper-cased. */
export const normaliseGroupId = cleanUpper;
/** Normalises a model name: cleaned and upper-cased (models are written `SM-G991B`). */
export const normaliseModel = cleanUpper;
/** Normalises a sales code: cleaned and upper-cased (sales codes are written `BTU`). */
export const normaliseSalesCode = cleanUpper;

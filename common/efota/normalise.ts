// Values arrive from spreadsheets, e-mails and web consoles carrying invisible characters; Samsung
// compares them byte for byte, so they are cleaned before any rule looks at them.

// No-break spaces (U+00A0, U+202F, U+2007), zero-width characters (U+200B–U+200D, U+2060) and the
// byte-order mark (U+FEFF).
// U+200D (zero-width joiner) stands outside the class: inside one, lint reads it as joining its neighbours.
const INVISIBLE = /[\u00A0\u2007\u202F\u200B\u200C\u2060\uFEFF]|\u200D/g;

/** Removes no-break and zero-width spaces, then trims ordinary whitespace. */
export function clean(value: string): string {
  return value.replace(INVISIBLE, '').trim();
}

/** Cleans and upper-cases a value the server folds to upper case (mdmId, groupId, serials). */
export function cleanUpper(value: string): string {
  // Only a–z are folded: full Unicode upper-casing turns 'ß' into 'SS' and so would make a serial
  // with a stray non-ASCII letter look valid; Samsung documents the folding for A–Z only.
  return clean(value).replace(/[a-z]+/g, (letters) => letters.toUpperCase());
}

/** Normalises a serial number: cleaned and upper-cased (docs/efota-api.md §1.5.4). */
export const normaliseSerial = cleanUpper;
/** Normalises an MDM ID: cleaned and upper-cased. */
export const normaliseMdmId = cleanUpper;
/** Normalises a group ID: cleaned and upper-cased. */
export const normaliseGroupId = cleanUpper;
/** Normalises a model name: cleaned and upper-cased (models are written `SM-G991B`). */
export const normaliseModel = cleanUpper;
/** Normalises a sales code: cleaned and upper-cased (sales codes are written `BTU`). */
export const normaliseSalesCode = cleanUpper;
/** Normalises a network type: cleaned and upper-cased (the documented values are `WIFIONLY` and `ANY`). */
export const normaliseNetworkType = cleanUpper;

/** Normalises a firmware version: cleaned and upper-cased, with any spelling of `latest` written `Latest`. */
export function normaliseFirmware(value: string): string {
  const cleaned = clean(value);
  return /^latest$/i.test(cleaned) ? 'Latest' : cleanUpper(cleaned);
}

// Character sets of the request elements (docs/efota-api.md §2.0) and plain-language descriptions of a
// character that breaks one, so a message can say "contains a space" instead of "invalid format".

/** A set of allowed characters and how to name it to an IT admin. */
export interface Charset {
  /** matches exactly one allowed character */
  readonly pattern: RegExp;
  /** e.g. "letters (A–Z) and digits" */
  readonly allowed: string;
}

const charset = (pattern: RegExp, allowed: string): Charset => ({ pattern, allowed });

/** `A-Z a-z 0-9`: serials, sales codes, and the FU page's networkType. */
export const ALPHANUMERIC = charset(/^[A-Za-z0-9]$/, 'letters (A–Z) and digits');
/** `A-Z a-z 0-9 -`: the FU page's model names, and forceUpdateId. */
export const ALPHANUMERIC_HYPHEN = charset(/^[A-Za-z0-9-]$/, 'letters (A–Z), digits and hyphens');
/** `A-Z a-z 0-9 - _`: ERR's model names and firmware IDs. */
export const ALPHANUMERIC_HYPHEN_UNDERSCORE = charset(/^[A-Za-z0-9_-]$/, 'letters (A–Z), digits, hyphens and underscores');
/** `A-Z a-z 0-9 - / . _`: firmware version strings (ERR 1010, 3028, 3029). */
export const FIRMWARE_VERSION = charset(/^[A-Za-z0-9\-/._]$/, 'letters (A–Z), digits, hyphens, slashes, dots and underscores');
/** `A-Z a-z -`: language codes (ERR 1012). */
export const LETTERS_HYPHEN = charset(/^[A-Za-z-]$/, 'letters (A–Z) and hyphens');
/** `0-9`: dates and hours. */
export const DIGITS = charset(/^[0-9]$/, 'digits');

/** The first character of `value` (a whole code point) that `set` does not allow, or null. */
export function firstOutside(value: string, set: Charset): string | null {
  for (const ch of value) if (!set.pattern.test(ch)) return ch;
  return null;
}

const CONTROL = /^[\p{Cc}\p{Cf}]$/u;

/** The first invisible control or format character in `value`, or null. */
export function firstControl(value: string): string | null {
  for (const ch of value) if (CONTROL.test(ch)) return ch;
  return null;
}

/** How a character is named in a message, and what to do about it. */
export interface CharacterProblem {
  readonly kind: 'space' | 'control' | 'punctuation' | 'non-ascii-letter' | 'non-ascii-digit' | 'other';
  /** e.g. "a space", "the non-ASCII letter 'é'" */
  readonly description: string;
  /** e.g. "Remove the space." */
  readonly fix: string;
}

const codePoint = (ch: string): string => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

const PUNCTUATION_NAMES: Readonly<Record<string, string>> = {
  '-': 'a hyphen (-)',
  _: 'an underscore (_)',
  '.': 'a dot (.)',
  '/': 'a slash (/)',
  '\\': 'a backslash (\\)',
  ',': 'a comma (,)',
  ';': 'a semicolon (;)',
  ':': 'a colon (:)',
  "'": 'an apostrophe (\')',
  '"': 'a quotation mark (")',
  '#': 'a hash sign (#)',
  '+': 'a plus sign (+)',
};

/** Describes one offending character for a message an IT admin can act on. */
export function describeCharacter(ch: string): CharacterProblem {
  if (ch === ' ') return { kind: 'space', description: 'a space', fix: 'Remove the space.' };
  if (/^\p{Zs}$/u.test(ch)) {
    return { kind: 'space', description: `a special space (${codePoint(ch)})`, fix: 'Remove the space; it usually comes from copying out of a document or web page.' };
  }
  if (CONTROL.test(ch)) {
    return {
      kind: 'control',
      description: `an invisible control character (${codePoint(ch)})`,
      fix: 'Remove it by retyping the value instead of pasting it; such characters come from copying out of other programs.',
    };
  }
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x80) {
    const name = PUNCTUATION_NAMES[ch] ?? `the character '${ch}'`;
    return { kind: 'punctuation', description: name, fix: `Remove the '${ch}'.` };
  }
  if (/^\p{L}$/u.test(ch)) {
    return {
      kind: 'non-ascii-letter',
      description: `the non-ASCII letter '${ch}' (${codePoint(ch)})`,
      fix: `Replace '${ch}' with the plain letter (A–Z) it stands for; look-alike letters from other alphabets are different characters to Samsung.`,
    };
  }
  if (/^\p{N}$/u.test(ch)) {
    return { kind: 'non-ascii-digit', description: `the non-ASCII digit '${ch}' (${codePoint(ch)})`, fix: `Replace '${ch}' with a digit 0–9.` };
  }
  return { kind: 'other', description: `the character '${ch}' (${codePoint(ch)})`, fix: `Remove the '${ch}'.` };
}

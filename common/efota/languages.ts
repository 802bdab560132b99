// E-FOTA's language list (docs/efota-api.md Appendix A, from Samsung's language-codes page). The default is
// ENG; the comparison is taken to be case-insensitive because the docs write both `ENG` and `eng`.

/** Language codes firmwareList documents, lower-cased. */
export const LANGUAGE_CODES: ReadonlySet<string> = new Set(
  ('alb ara arm asm aze eus bel ben bos bul cat zho-CN zh-sg zho-HK zho-TW hrv ces dan nld eng est fin fra ' +
    'fra-CA glg geo deu ell guj heb hin hun isl ind gle ita jpn kan kaz khm kor lao por-BR spa-US lav lit mkd ' +
    'msa mal mlt mar mon mya mya-MM nep nor nob nno ori fas phi pol por pan roh ron rus srp sin slk slv spa ' +
    'swe tam tel tha tur ukr urd uzb vie wel')
    .split(' ')
    .map((code) => code.toLowerCase()),
);

/** True when `code` is on Samsung's language list (case-insensitive). */
export function isKnownLanguageCode(code: string): boolean {
  return LANGUAGE_CODES.has(code.toLowerCase());
}

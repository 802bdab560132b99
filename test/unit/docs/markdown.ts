// Just enough Markdown reading for the documentation checks: headings and their GitHub anchors,
// relative links, sections, and the `§` citations code comments make to docs/efota-api.md.

/** One heading: its level (1–6), its text as written, and the anchor GitHub gives it. */
export interface Heading {
  readonly level: number;
  readonly text: string;
  readonly anchor: string;
  /** 0-based line of the heading */
  readonly line: number;
}

/** One link target written as `[text](target)`. */
export interface Link {
  readonly target: string;
  /** 1-based line, for the failure message */
  readonly line: number;
}

const FENCE = /^\s*```/;

/** The lines of `markdown` with fenced code blocks blanked (they hold no headings or links). */
function proseLines(markdown: string): string[] {
  let inFence = false;
  return markdown.split('\n').map((line) => {
    if (FENCE.test(line)) {
      inFence = !inFence;
      return '';
    }
    return inFence ? '' : line;
  });
}

/** The anchor GitHub derives from a heading: inline markup dropped, lower case, punctuation removed, spaces → hyphens. */
export function githubAnchor(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
    .replace(/ /g, '-');
}

/** Every heading of `markdown`, with anchors made unique the way GitHub does (`-1`, `-2` …). */
export function headings(markdown: string): Heading[] {
  const seen = new Map<string, number>();
  const out: Heading[] = [];
  proseLines(markdown).forEach((line, index) => {
    const m = /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (!m?.[1] || !m[2]) return;
    const base = githubAnchor(m[2]);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    out.push({ level: m[1].length, text: m[2], anchor: count === 0 ? base : `${base}-${count}`, line: index });
  });
  return out;
}

/** Every link target outside code: `[text](target)`, including links whose text is inline code. */
export function links(markdown: string): Link[] {
  const out: Link[] = [];
  proseLines(markdown).forEach((line, index) => {
    for (const m of line.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (m[1]) out.push({ target: m[1], line: index + 1 });
    }
  });
  return out;
}

/** The text under the first heading `matches` accepts, up to the next heading of the same or a higher level; null when absent. */
export function section(markdown: string, matches: (h: Heading) => boolean): string | null {
  const all = headings(markdown);
  const start = all.find(matches);
  if (!start) return null;
  const next = all.find((h) => h.line > start.line && h.level <= start.level);
  return markdown.split('\n').slice(start.line, next ? next.line : undefined).join('\n');
}

/** One thing a citation names: a numbered section, a row `#N` of a section's table, or an appendix. */
export type CitedPlace =
  | { readonly kind: 'section'; readonly number: string }
  | { readonly kind: 'row'; readonly number: string; readonly row: string }
  | { readonly kind: 'appendix'; readonly letter: string };

/**
 * The places `text` cites in docs/efota-api.md: every `§2.9`, `§5 #11, #26`, `§2.1–2.10` (both ends)
 * and `docs/efota-api.md Appendix B`. A `§` right after "RFC nnnn" cites that RFC and is skipped.
 */
export function citedPlaces(text: string): CitedPlace[] {
  const out: CitedPlace[] = [];
  for (const m of text.matchAll(/(RFC \d+ )?§(\d+(?:\.\d+)*)((?:,?\s*#\d+)*)(?:[–-](\d+(?:\.\d+)+))?/g)) {
    const number = m[2];
    if (m[1] || !number) continue;
    const rows = [...(m[3] ?? '').matchAll(/#(\d+)/g)].map((r) => r[1] ?? '');
    if (rows.length === 0) out.push({ kind: 'section', number });
    for (const row of rows) out.push({ kind: 'row', number, row });
    if (m[4]) out.push({ kind: 'section', number: m[4] });
  }
  for (const m of text.matchAll(/docs\/efota-api\.md Appendix ([A-Z])\b/g)) {
    if (m[1]) out.push({ kind: 'appendix', letter: m[1] });
  }
  return out;
}

/** Whether docs/efota-api.md (given as `doc`) has the place a citation names. */
export function hasPlace(doc: string, place: CitedPlace): boolean {
  const all = headings(doc);
  if (place.kind === 'appendix') return all.some((h) => new RegExp(`^Appendix ${place.letter}\\b`).test(h.text));
  const numbered = (h: Heading): boolean => new RegExp(`^${place.number.replace(/\./g, '\\.')}\\.?\\s`).test(h.text);
  if (place.kind === 'section') return all.some(numbered);
  const body = section(doc, numbered);
  return body !== null && new RegExp(`^\\|\\s*${place.row}\\s*\\|`, 'm').test(body);
}

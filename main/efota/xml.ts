// XML in and out of the E-FOTA API. Reading is liberal in shape (any prolog, unknown elements, trimmed
// text, namespace prefixes dropped) and strict in safety: a DOCTYPE or entity declaration is refused
// before the parser sees it, so nothing declared by the body is ever expanded, and a truncated or
// malformed document is refused rather than half-read.
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

/** One element of a parsed body: its name, its own trimmed text, and its child elements in order. */
export interface XmlElement {
  readonly name: string;
  readonly text: string;
  readonly children: readonly XmlElement[];
}

/** The outcome of reading a body as XML. */
export type XmlReadResult =
  | { readonly ok: true; readonly root: XmlElement }
  | { readonly ok: false; readonly problem: 'empty' | 'doctype' | 'not-xml'; readonly detail: string };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: true,
  // keeps serials like 01234567 and counts as the exact strings Samsung sent
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: true,
  // built-in XML entities and numeric references only: declarations were refused above
  processEntities: true,
  htmlEntities: true,
});

const builder = new XMLBuilder({ format: false, suppressEmptyNode: false, processEntities: true });

const DECLARATION = /<!\s*(DOCTYPE|ENTITY)/i;

/** Reads `text` as one XML document; never throws. */
export function readXml(text: string): XmlReadResult {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { ok: false, problem: 'empty', detail: 'the body is empty' };
  if (DECLARATION.test(body)) {
    return { ok: false, problem: 'doctype', detail: 'the body declares a DOCTYPE or entities, which E-FOTA never sends' };
  }
  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    return { ok: false, problem: 'not-xml', detail: `not well-formed XML (line ${valid.err.line}: ${valid.err.msg})` };
  }
  let parsed: unknown;
  try {
    parsed = parser.parse(body);
  } catch (error) {
    return { ok: false, problem: 'not-xml', detail: `unreadable XML (${error instanceof Error ? error.message : String(error)})` };
  }
  const elements = toElements(parsed);
  const root = elements[0];
  if (!root || elements.length !== 1) return { ok: false, problem: 'not-xml', detail: 'the body has no single root element' };
  return { ok: true, root };
}

// fast-xml-parser's preserveOrder shape: an array of `{ tagName: [children…] }` and `{ '#text': v }`.
function toElements(nodes: unknown): XmlElement[] {
  if (!Array.isArray(nodes)) return [];
  const out: XmlElement[] = [];
  for (const node of nodes as unknown[]) {
    if (typeof node !== 'object' || node === null) continue;
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (key === '#text' || key === ':@' || key.startsWith('?')) continue;
      out.push({ name: key, text: ownText(value), children: toElements(value) });
    }
  }
  return out;
}

function ownText(nodes: unknown): string {
  if (!Array.isArray(nodes)) return '';
  const parts: string[] = [];
  for (const node of nodes as unknown[]) {
    if (typeof node === 'object' && node !== null && '#text' in node) {
      const value = (node as Record<string, unknown>)['#text'];
      if (value !== undefined && value !== null) parts.push(String(value));
    }
  }
  return parts.join('').trim();
}

/** The first child element called `name`, or null. */
export function child(element: XmlElement, name: string): XmlElement | null {
  return element.children.find((c) => c.name === name) ?? null;
}

/** Every child element called `name`. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}

/** The trimmed text of the first child called `name`, or null when there is none. */
export function textOf(element: XmlElement, name: string): string | null {
  const found = child(element, name);
  return found ? found.text : null;
}

/** True when an element has no child elements. */
export function isLeaf(element: XmlElement): boolean {
  return element.children.length === 0;
}

/** A request body: element name → text, or a list wrapper → repeated child name → values. */
export type XmlFields = ReadonlyArray<readonly [string, string | { readonly item: string; readonly values: readonly string[] }]>;

/** Builds a request document with `root` and the fields in the given order (text is escaped). */
export function buildXml(root: string, fields: XmlFields): string {
  const body: Record<string, unknown> = {};
  for (const [name, value] of fields) {
    body[name] = typeof value === 'string' ? value : { [value.item]: [...value.values] };
  }
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${builder.build({ [root]: body }) as string}`;
}

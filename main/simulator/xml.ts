// Reading request XML without ever expanding a DOCTYPE, and writing JAXB-style answers
// (docs/efota-api.md §1.5).
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** The request body is not usable XML for this operation (malformed, empty, DOCTYPE, wrong root). */
export class MalformedRequest extends Error {
  override readonly name = 'MalformedRequest';
}

/** A request's root and its direct children, as parsed (values are strings, objects or arrays). */
export interface ParsedRequest {
  root: string;
  /** direct children of the root by element name */
  fields: Readonly<Record<string, unknown>>;
  /** element names in the order they first appear in the request */
  order: readonly string[];
}

// Entity declarations are refused before the parser sees them; the built-in XML entities (&amp; ...)
// still decode. parseTagValue:false keeps serials like 0012 as text.
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, processEntities: true, htmlEntities: false });

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses a request body; throws MalformedRequest with a short reason. */
export function parseRequestXml(text: string): ParsedRequest {
  if (text.trim() === '') throw new MalformedRequest('empty body');
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new MalformedRequest('DOCTYPE and entity declarations are not accepted');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new MalformedRequest(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  let doc: unknown;
  try {
    doc = parser.parse(text);
  } catch (error) {
    throw new MalformedRequest(`not readable XML: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isRecord(doc)) throw new MalformedRequest('no root element');
  const roots = Object.keys(doc).filter((k) => k !== '?xml');
  const rootName = roots[0];
  if (roots.length !== 1 || rootName === undefined) throw new MalformedRequest('exactly one root element is required');
  const content = doc[rootName];
  if (Array.isArray(content)) throw new MalformedRequest('exactly one root element is required');
  const fields: Record<string, unknown> = isRecord(content) ? Object.fromEntries(Object.entries(content).filter(([k]) => k !== '#text')) : {};
  return { root: rootName, fields, order: Object.keys(fields) };
}

/** Content of an answer element: text, or child elements in order. */
export type XmlContent = string | ReadonlyArray<readonly [string, XmlContent]>;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for an XML element. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function render(name: string, content: XmlContent): string {
  if (typeof content === 'string') return content === '' ? `<${name}/>` : `<${name}>${escapeXml(content)}</${name}>`;
  if (content.length === 0) return `<${name}/>`;
  return `<${name}>${content.map(([n, c]) => render(n, c)).join('')}</${name}>`;
}

/** The prolog JAXB writes (docs/efota-api.md §1.5.6). */
export const PROLOG = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

/** A complete XML document with the JAXB prolog. */
export function xmlDocument(root: string, content: XmlContent): string {
  return `${PROLOG}${render(root, content)}`;
}

// Which parts of an .xlsx the importer needs: workbook.xml lists the sheets in tab order, and its
// relationships say which part holds each sheet, the shared strings and the styles. Read first, so
// that only the chosen sheet is inflated, never the other (possibly huge) sheets of the workbook.
import { XMLParser } from 'fast-xml-parser';
import { ImportError } from './failure.ts';

/** One sheet of the workbook, in tab order. */
export interface WorkbookSheet {
  readonly name: string;
  /** 1-based position among all `<sheet>` elements (what read-excel-file numbers sheets by) */
  readonly position: number;
  /** the ZIP part holding its cells, or null for a chart sheet */
  readonly part: string | null;
  readonly hidden: boolean;
}

/** The parts the importer reads besides the sheet. */
export interface WorkbookLayout {
  readonly sheets: readonly WorkbookSheet[];
  readonly sharedStrings: string | null;
  readonly styles: string | null;
}

/** Where every workbook keeps its sheet list (read-excel-file reads it at this fixed path too). */
export const WORKBOOK_PART = 'xl/workbook.xml';
/** The relationships saying which part holds each sheet. */
export const WORKBOOK_RELS_PART = 'xl/_rels/workbook.xml.rels';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => name === 'sheet' || name === 'Relationship',
});

type Attributes = Readonly<Record<string, unknown>>;

function list(node: unknown, ...path: string[]): Attributes[] {
  let at: unknown = node;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return [];
    at = (at as Record<string, unknown>)[key];
  }
  return Array.isArray(at) ? at.filter((x): x is Attributes => typeof x === 'object' && x !== null) : [];
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

// Relationship targets are relative to xl/, or absolute within the package (as read-excel-file reads them).
function partPath(target: string): string {
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

/** Parses workbook.xml and its relationships into the sheet list and part paths. */
export function readWorkbookLayout(workbookXml: string, relsXml: string): WorkbookLayout {
  let workbook: unknown;
  let rels: unknown;
  try {
    workbook = parser.parse(workbookXml);
    rels = parser.parse(relsXml);
  } catch {
    throw new ImportError('damaged', 'This .xlsx file is damaged (its list of sheets cannot be read). Open it in Excel and save it again, or export the list as CSV.');
  }
  const targets = new Map<string, { type: string; part: string }>();
  for (const r of list(rels, 'Relationships', 'Relationship')) {
    targets.set(text(r['Id']), { type: text(r['Type']), part: partPath(text(r['Target'])) });
  }
  const byType = (suffix: string): string | null => [...targets.values()].find((t) => t.type.endsWith(suffix))?.part ?? null;
  const sheets = list(workbook, 'workbook', 'sheets', 'sheet').map((s, i): WorkbookSheet => {
    const target = targets.get(text(s['id']));
    const isWorksheet = target !== undefined && target.type.endsWith('/worksheet');
    return { name: text(s['name']), position: i + 1, part: isWorksheet ? target.part : null, hidden: text(s['state']) !== '' && text(s['state']) !== 'visible' };
  });
  if (!sheets.some((s) => s.part !== null)) {
    throw new ImportError('damaged', 'This .xlsx file has no worksheet with cells (only charts, or its sheet list is broken). Open it in Excel, check it holds the device list, and save it again.');
  }
  return { sheets, sharedStrings: byType('/sharedStrings'), styles: byType('/styles') };
}

/** Picks the sheet: by name (exact, then ignoring case and spaces), else the first visible worksheet. */
export function chooseSheet(layout: WorkbookLayout, wanted: string | undefined): WorkbookSheet {
  const worksheets = layout.sheets.filter((s) => s.part !== null);
  const names = worksheets.map((s) => `'${s.name}'`).join(', ');
  if (wanted === undefined || wanted === '') {
    const first = worksheets.find((s) => !s.hidden) ?? worksheets[0];
    if (!first) throw new ImportError('damaged', 'This .xlsx file has no worksheet.');
    return first;
  }
  const fold = (s: string): string => s.trim().toLowerCase();
  const found = worksheets.find((s) => s.name === wanted) ?? worksheets.find((s) => fold(s.name) === fold(wanted));
  if (found) return found;
  const chart = layout.sheets.find((s) => s.part === null && fold(s.name) === fold(wanted));
  if (chart) throw new ImportError('sheet-not-found', `The sheet '${chart.name}' is a chart, not a table of devices. Choose one of: ${names}.`);
  throw new ImportError('sheet-not-found', `This workbook has no sheet named '${wanted}'. Its sheets are: ${names}.`);
}

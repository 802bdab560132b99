// The flags of every command that writes a file: `-o, --output FILE` (with `--out`, the spelling
// `fota batch audit` had first, kept for scripts) and a CSV's `--delimiter`, parsed one way.
import { parseDelimiter, type CsvDelimiter } from '../../common/export/csv.ts';
import { UsageError } from './command.ts';

const NAMES: Record<CsvDelimiter, string> = { ',': ',', ';': ';', '\t': 'tab' };

/**
 * The `--delimiter` of a CSV export, else `fallback`. `accepted` is what the command writes: the
 * results re-import as a device list, so they keep to `,` and `;`; the audit log may also use tab.
 */
export function delimiterFlag(value: string | undefined, fallback: CsvDelimiter, accepted: readonly CsvDelimiter[] = [',', ';', '\t']): CsvDelimiter {
  if (value === undefined) return fallback;
  const d = parseDelimiter(value);
  if (d === null || !accepted.includes(d)) throw new UsageError(`--delimiter must be ${accepted.map((a) => NAMES[a]).join(' or ')}, not '${value}'`);
  return d;
}

/** The `-o, --output FILE` of a command; `--out FILE` is the older spelling some scripts use. */
export const OUTPUT_OPTIONS = { output: { type: 'string', short: 'o' }, out: { type: 'string' } } as const;

/** The file of `-o, --output` (or `--out`); undefined when neither is given. */
export function outputFlag(values: { readonly output?: string | undefined; readonly out?: string | undefined }): string | undefined {
  if (values.output !== undefined && values.out !== undefined) throw new UsageError('give the file once: -o/--output FILE (--out is its older spelling)');
  return values.output ?? values.out;
}

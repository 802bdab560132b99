// Writes a large value as JSON in pieces, byte for byte what `JSON.stringify(value, null, 2)` gives.
// `fota import --json` of 200,000 rows is a 50 MB text: built as one string and then encoded for
// stdout as one buffer, it held about 100 MB more at the peak than the result itself. Here the text
// goes out in chunks of about 64 KiB as it is made. (JSON.stringify with an indent leaves V8's fast
// path anyway, so writing the indent here costs no more than asking JSON.stringify for it.)

const CHUNK = 64 * 1024;

/** Writes `value` as `JSON.stringify(value, null, 2)` would, through `write`, in chunks; then a newline. */
export function writeJsonLines(value: unknown, write: (chunk: string) => void): void {
  let parts: string[] = [];
  let length = 0;
  const out = (text: string): void => {
    parts.push(text);
    length += text.length;
    if (length >= CHUNK) {
      write(parts.join(''));
      parts = [];
      length = 0;
    }
  };
  if (!piece(value, '', out)) out('undefined');
  out('\n');
  if (length > 0) write(parts.join(''));
}

/** Writes one value at `indent`; false when JSON leaves it out (undefined, a function, a symbol). */
function piece(value: unknown, indent: string, out: (text: string) => void): boolean {
  switch (typeof value) {
    case 'string':
      out(JSON.stringify(value));
      return true;
    case 'number':
      out(Number.isFinite(value) ? String(value) : 'null');
      return true;
    case 'boolean':
      out(value ? 'true' : 'false');
      return true;
    case 'object':
      break;
    default:
      // bigint throws in JSON.stringify, as it does here; undefined, functions and symbols are left out
      if (typeof value === 'bigint') out(JSON.stringify(value));
      return false;
  }
  if (value === null) {
    out('null');
    return true;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    const text = JSON.stringify(value, null, 2) as string | undefined;
    if (text === undefined) return false;
    out(indent === '' ? text : text.replaceAll('\n', `\n${indent}`));
    return true;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out('[]');
      return true;
    }
    for (let i = 0; i < value.length; i++) {
      out(i === 0 ? `[\n${inner}` : `,\n${inner}`);
      // An element JSON leaves out is written as null, as JSON.stringify does in arrays.
      if (!piece(value[i], inner, out)) out('null');
    }
    out(`\n${indent}]`);
    return true;
  }
  let first = true;
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    out(`${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `);
    first = false;
    piece(v, inner, out);
  }
  out(first ? '{}' : `\n${indent}}`);
  return true;
}

// Small helpers that keep the wording of findings consistent.
import type { Finding, Severity } from './finding.ts';

const MAX_SHOWN = 40;

/** Quotes a value for a message: control characters made visible, long values shortened. */
export function quote(value: string): string {
  const visible = Array.from(value, (ch) => {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20) return String.fromCodePoint(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return ch;
  });
  const shown = visible.length > MAX_SHOWN ? `${visible.slice(0, MAX_SHOWN - 1).join('')}…` : visible.join('');
  return `'${shown}'`;
}

/** Upper-cases the first letter of a sentence. */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Builds a finding. */
export function finding(element: string, value: string, severity: Severity, fud: string | null, message: string): Finding {
  return { element, value, severity, fud, message };
}


// Payloads that break a channel's schema, generated from the schema itself so every channel (and
// every field of it) is covered without a hand-kept list.
import type * as v from 'valibot';
import { CONTRACT, type InvokeChannel } from '../../../common/contract.ts';
import { none } from '../../../common/contract/schema.ts';

/** A value no field schema of the contract accepts: not text, flag, number or list, and an object with a key nobody asked for (a control character, so not a record key either). */
export const ALIEN = { '\u0000alien': [] };

interface Walkable {
  readonly kind?: string;
  readonly type?: string;
  readonly entries?: v.ObjectEntries;
  readonly pipe?: readonly Walkable[];
}

/** The fields of a channel's request object, or null for a channel without payload. */
export function requestEntries(channel: InvokeChannel): v.ObjectEntries | null {
  const schema = CONTRACT[channel].request as Walkable;
  if ((schema as unknown) === none) return null;
  const find = (s: Walkable): v.ObjectEntries | null => {
    if (s.entries) return s.entries;
    for (const item of [...(s.pipe ?? [])].reverse()) {
      if (item !== s && item.kind === 'schema') {
        const found = find(item);
        if (found) return found;
      }
    }
    return null;
  };
  const entries = find(schema);
  if (!entries) throw new Error(`${channel}: the request is neither an object nor empty; teach bad-payloads.ts its shape`);
  return entries;
}

/** One bad payload, what is wrong with it, and what the refusal must say. */
export interface BadPayload {
  readonly what: string;
  readonly payload: unknown;
  readonly message: RegExp;
}

const quoted = (key: string): string => key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Bad payloads for `channel`: wrong kinds of payload, an unknown key, a missing key, and each field on its own with a value it refuses. */
export function badPayloads(channel: InvokeChannel): BadPayload[] {
  const entries = requestEntries(channel);
  if (entries === null) {
    return [
      { what: 'an object', payload: { unexpected: true }, message: /^The request takes no payload\.$/ },
      { what: 'a number', payload: 0, message: /^The request takes no payload\.$/ },
    ];
  }
  const keys = Object.keys(entries);
  const required = keys.filter((key) => entries[key]?.type !== 'exact_optional');
  const bad: BadPayload[] = [
    { what: 'a list', payload: [], message: /^The request must be an object, not a list\.$/ },
    { what: 'text', payload: 'x', message: /^The request must be an object, not a string\.$/ },
    { what: 'an unknown key', payload: { notAField: true }, message: /^"notAField" is not a field this request takes/ },
  ];
  if (required[0] !== undefined) bad.push({ what: 'nothing', payload: {}, message: new RegExp(`^"${quoted(required[0])}" is missing\\.$`) });
  // One field wrong and the others left out: the refusal names a field of this channel (the wrong one, or a missing one before it).
  const anyField = new RegExp(`"(${keys.map(quoted).join('|')})`);
  for (const key of keys) bad.push({ what: `${key} wrong`, payload: { [key]: ALIEN }, message: anyField });
  return bad;
}

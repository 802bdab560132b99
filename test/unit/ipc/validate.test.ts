// The contract's schema toolkit (common/contract/schema.ts) run the way the handlers run it
// (main/ipc/validate.ts): the first problem is refused with a message naming the field.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { choice, flag, list, none, obj, text, whole } from '../../../common/contract/schema.ts';
import { InvalidInputError, parsePayload } from '../../../main/ipc/validate.ts';

const refused = (run: () => unknown): InvalidInputError => {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
  throw new Error('expected an InvalidInputError');
};

describe('payload checks', () => {
  const shape = obj({ name: text({ min: 1, max: 5 }), on: flag, n: whole(1, 3), kind: choice(['a', 'b']), tags: list(text({ max: 3 }), 2), note: v.nullable(text({ max: 10 })) });
  const good = { name: 'abc', on: true, n: 2, kind: 'a', tags: ['x'], note: null };

  it('accepts a payload of the right shape', () => {
    expect(parsePayload(shape, good)).toEqual(good);
  });

  it('names the field and what was expected', () => {
    expect(refused(() => parsePayload(shape, { ...good, name: '' })).message).toBe('"name" must not be empty.');
    expect(refused(() => parsePayload(shape, { ...good, name: 'toolong' })).message).toContain('at most 5 characters');
    expect(refused(() => parsePayload(shape, { ...good, on: 'yes' })).message).toBe('"on" must be true or false, not a string.');
    expect(refused(() => parsePayload(shape, { ...good, n: 4 })).message).toContain('between 1 and 3');
    expect(refused(() => parsePayload(shape, { ...good, n: 1.5 })).message).toContain('whole number');
    expect(refused(() => parsePayload(shape, { ...good, kind: 'c' })).message).toContain('one of "a", "b"');
    expect(refused(() => parsePayload(shape, { ...good, tags: ['a', 'b', 'c'] })).message).toContain('at most 2 items');
    expect(refused(() => parsePayload(shape, { ...good, tags: ['abcd'] })).path).toBe('tags[0]');
  });

  it('refuses missing and unknown keys, and values that are not objects', () => {
    const { on: _on, ...missing } = good;
    expect(refused(() => parsePayload(shape, missing)).message).toBe('"on" is missing.');
    expect(refused(() => parsePayload(shape, { ...good, extra: 1 })).message).toContain('not a field this request takes');
    expect(refused(() => parsePayload(shape, null)).message).toContain('must be an object, not null');
    expect(refused(() => parsePayload(shape, [good])).message).toContain('not a list');
  });

  it('names an unknown key before a missing one (a misspelt key is the likelier mistake)', () => {
    expect(refused(() => parsePayload(obj({ batchId: text({ max: 9 }) }), { batch: 'b-1' })).message).toBe('"batch" is not a field this request takes (expected batchId).');
  });

  it('refuses control characters and, unless allowed, line breaks', () => {
    expect(refused(() => parsePayload(text({ max: 10 }), 'a\u0000b')).message).toContain('control character');
    expect(refused(() => parsePayload(text({ max: 10 }), 'a\nb')).message).toContain('single line');
    expect(parsePayload(text({ max: 10, singleLine: false }), 'a\nb')).toBe('a\nb');
    expect(parsePayload(text({ max: 10, fileContent: true }), 'a\u0000b')).toBe('a\u0000b');
  });

  it('keeps absent keys absent in an object of optional keys', () => {
    const some = obj({ a: v.exactOptional(whole(0, 9)), b: v.exactOptional(flag) });
    expect(parsePayload(some, { b: false })).toEqual({ b: false });
    expect(() => parsePayload(some, { c: 1 })).toThrow(InvalidInputError);
  });

  it('takes null or nothing where no payload is expected', () => {
    expect(parsePayload(none, null)).toBeUndefined();
    expect(parsePayload(none, undefined)).toBeUndefined();
    expect(() => parsePayload(none, {})).toThrow('The request takes no payload.');
  });
});

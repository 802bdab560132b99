import { describe, expect, it } from 'vitest';
import { bool, int, InvalidInputError, list, none, nullable, obj, oneOf, partial, str, validate } from '../../../main/ipc/validate.ts';

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
  const shape = obj({ name: str({ min: 1, max: 5 }), on: bool, n: int(1, 3), kind: oneOf(['a', 'b'] as const), tags: list(str({ max: 3 }), 2), note: nullable(str({ max: 10 })) });
  const good = { name: 'abc', on: true, n: 2, kind: 'a', tags: ['x'], note: null };

  it('accepts a payload of the right shape', () => {
    expect(validate(shape, good)).toEqual(good);
  });

  it('names the field and what was expected', () => {
    expect(refused(() => validate(shape, { ...good, name: '' })).message).toBe('"name" must not be empty.');
    expect(refused(() => validate(shape, { ...good, name: 'toolong' })).message).toContain('at most 5 characters');
    expect(refused(() => validate(shape, { ...good, on: 'yes' })).message).toBe('"on" must be true or false, not a string.');
    expect(refused(() => validate(shape, { ...good, n: 4 })).message).toContain('between 1 and 3');
    expect(refused(() => validate(shape, { ...good, n: 1.5 })).message).toContain('whole number');
    expect(refused(() => validate(shape, { ...good, kind: 'c' })).message).toContain('one of "a", "b"');
    expect(refused(() => validate(shape, { ...good, tags: ['a', 'b', 'c'] })).message).toContain('at most 2 items');
    expect(refused(() => validate(shape, { ...good, tags: ['abcd'] })).path).toBe('tags[0]');
  });

  it('refuses missing and unknown keys, and values that are not objects', () => {
    const { on: _on, ...missing } = good;
    expect(refused(() => validate(shape, missing)).message).toBe('"on" is missing.');
    expect(refused(() => validate(shape, { ...good, extra: 1 })).message).toContain('not a field this request takes');
    expect(refused(() => validate(shape, null)).message).toContain('must be an object, not null');
    expect(refused(() => validate(shape, [good])).message).toContain('not a list');
  });

  it('refuses control characters and, unless allowed, line breaks', () => {
    expect(refused(() => validate(str({ max: 10 }), 'a\u0000b')).message).toContain('control character');
    expect(refused(() => validate(str({ max: 10 }), 'a\nb')).message).toContain('single line');
    expect(validate(str({ max: 10, singleLine: false }), 'a\nb')).toBe('a\nb');
  });

  it('keeps absent keys absent in a partial object', () => {
    expect(validate(partial({ a: int(0, 9), b: bool }), { b: false })).toEqual({ b: false });
    expect(() => validate(partial({ a: int(0, 9) }), { c: 1 })).toThrow(InvalidInputError);
  });

  it('takes null or nothing where no payload is expected', () => {
    expect(validate(none, null)).toBeUndefined();
    expect(validate(none, undefined)).toBeUndefined();
    expect(() => validate(none, {})).toThrow('takes no payload');
  });
});

// The one read-back helper: every problem says where (a path) and what, stray fields first, at most
// 20 of them; text that is not JSON is told apart; a map keeps a key spelt __proto__ as a plain key.
import { describe, expect, it } from 'vitest';
import { checkJson, MORE_PROBLEMS, problemLine, readJson } from '../../../common/schema/check-json.ts';
import { isoTime, keyed, list, object, oneOf, orNull, text, wholeNumber } from '../../../common/schema/json-fields.ts';

const profile = object({ name: text(10), port: wholeNumber(1, 65535), kind: oneOf(['a', 'b']), at: orNull(isoTime()) });
const file = object({ profiles: list(profile, 5) });

describe('checkJson', () => {
  it('gives the value back when it fits', () => {
    const value = { profiles: [{ name: 'x', port: 443, kind: 'a', at: null }] };
    expect(checkJson(file, value)).toEqual({ ok: true, value });
  });

  it('names each problem by its path, stray fields first, and says what was found', () => {
    const value = { profiles: [{ name: 'x', port: 443, kind: 'a', at: null }, { name: 42, port: 0, kind: 'c', at: '2030-13-45T00:00:00Z', extra: 1 }, { port: 1, kind: 'a', at: null }] };
    const checked = checkJson(file, value);
    expect(checked).toEqual({
      ok: false,
      problems: [
        'profiles[1].extra: unexpected field',
        'profiles[1].name: expected text, found number 42',
        'profiles[1].port: must be between 1 and 65535, found 0',
        'profiles[1].kind: expected one of "a", "b", found text "c"',
        'profiles[1].at: is not a real date: 2030-13-45T00:00:00Z',
        'profiles[2].name: expected text, found nothing',
      ],
    });
  });

  it('puts a root in front of the path, or words a place instead of it', () => {
    expect(checkJson(file, [], { root: 'settings' })).toEqual({ ok: false, problems: ['settings: expected an object, found a list'] });
    const place = (keys: readonly (string | number)[]) => (keys[0] === 'profiles' && typeof keys[1] === 'number' ? `profile ${keys[1] + 1}` : null);
    expect(checkJson(file, { profiles: [{ name: '', port: 1, kind: 'a', at: null }] }, { place })).toEqual({ ok: false, problems: ['profile 1 must not be empty (profiles[0].name)'] });
  });

  it('refuses control characters in text, allowing line breaks and tabs where text may span lines', () => {
    expect(checkJson(text(20), 'a\u0001b')).toEqual({ ok: false, problems: ['contains control characters'] });
    expect(checkJson(text(20), 'a\nb')).toEqual({ ok: false, problems: ['contains control characters'] });
    expect(checkJson(text(20, { multiline: true }), 'a\n\tb').ok).toBe(true);
    expect(checkJson(text(20, { multiline: true }), 'a\n\u0007')).toEqual({ ok: false, problems: ['contains control characters'] });
    expect(checkJson(text(3), '')).toEqual({ ok: false, problems: ['must not be empty'] });
    expect(checkJson(text(3), 'abcd')).toEqual({ ok: false, problems: ['is 4 characters long; at most 3 are allowed'] });
  });

  it('lists at most 20 problems and says there are more; a one-line summary shows 10', () => {
    const checked = checkJson(list(text(5), 100), Array.from({ length: 30 }, (_, i) => i));
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems).toHaveLength(21);
    expect(checked.problems.at(-1)).toBe(MORE_PROBLEMS);
    const line = problemLine(checked.problems);
    expect(line.split('; ')).toHaveLength(11);
    expect(line.endsWith('; …')).toBe(true);
  });

  it('keeps a key spelt __proto__ as a plain key of a map, and checks its value', () => {
    const map = keyed(list(text(10), 10));
    const checked = checkJson(map, JSON.parse('{"__proto__":["b-1"],"R1":["b-2"]}'));
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(Object.keys(checked.value)).toEqual(['__proto__', 'R1']);
    expect(Object.getPrototypeOf(checked.value)).toBeNull();
    expect(checkJson(map, JSON.parse('{"__proto__":[7]}'), { root: 'serials' })).toEqual({ ok: false, problems: ['serials.__proto__[0]: expected text, found number 7'] });
  });
});

describe('readJson', () => {
  it('tells text that is not JSON from JSON that does not fit', () => {
    const broken = readJson('{"profiles": [', file);
    expect(broken).toMatchObject({ ok: false, notJson: true });
    if (!broken.ok) expect(broken.problems[0]).toMatch(/^not valid JSON \(/);
    expect(readJson('{"profiles": 1}', file)).toEqual({ ok: false, notJson: false, problems: ['profiles: expected a list, found number 1'] });
  });
});

import { describe, expect, it } from 'vitest';
import { utf8ByteLength } from '../../../common/efota/index.ts';

describe('utf8ByteLength', () => {
  it.each([
    ['', 0],
    ['R58N31ABCDE', 11],
    ['é', 2],
    ['€', 3],
    ['한', 3],
    ['😀', 4],
    ['A😀é€', 10],
  ])('%j is %i bytes', (value, bytes) => {
    expect(utf8ByteLength(value)).toBe(bytes);
  });

  it('counts a lone surrogate as 3 bytes, as TextEncoder does (U+FFFD)', () => {
    expect(utf8ByteLength('\uD800')).toBe(3);
    expect(utf8ByteLength('a\uDC00b')).toBe(5);
  });

  it('agrees with TextEncoder on mixed text', () => {
    const samples = ['Lagerhalle Süd', 'Ü'.repeat(25), 'zho-TW 中文 ✓', '\u0000\u007F\u0080\u07FF\u0800\uFFFF', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢'];
    for (const s of samples) expect(utf8ByteLength(s)).toBe(new TextEncoder().encode(s).length);
  });
});

import { describe, expect, it } from 'vitest';
import { describeFud, ELEMENTS, FUD_CATALOGUE, fudCodesFor, isElementName, OPERATIONS } from '../../../common/efota/index.ts';

describe('FUD catalogue', () => {
  it('has exactly 59 entries with unique FUD_nnnn codes', () => {
    expect(FUD_CATALOGUE).toHaveLength(59);
    const codes = FUD_CATALOGUE.map((e) => e.code);
    expect(new Set(codes).size).toBe(59);
    for (const code of codes) expect(code).toMatch(/^FUD_\d{4}$/);
  });

  it('leaves out the numbers Samsung never used (3006–3010, 3025)', () => {
    const codes = new Set(FUD_CATALOGUE.map((e) => e.code));
    for (const n of [3006, 3007, 3008, 3009, 3010, 3025]) expect(codes.has(`FUD_${n}`)).toBe(false);
  });

  it.each(FUD_CATALOGUE.map((e) => [e.code, e] as const))('%s has a cause and a remedy in sentences', (_code, entry) => {
    expect(entry.cause.trim().length).toBeGreaterThan(15);
    expect(entry.remedy.trim().length).toBeGreaterThan(15);
    expect(entry.cause).toMatch(/[.)]$/);
    expect(entry.remedy).toMatch(/\.$/);
  });

  it('HTTP 400 and parameter/processing for 1xxx/3xxx, 500 and service for 9xxx', () => {
    for (const e of FUD_CATALOGUE) {
      const family = e.code.charAt(4);
      expect([e.code, e.httpStatus]).toEqual([e.code, family === '9' ? 500 : 400]);
      expect([e.code, e.category]).toEqual([e.code, { '1': 'parameter', '3': 'processing', '9': 'service' }[family]]);
    }
  });

  it('exactly FUD_1020, 1021, 3023, 3024 and 3026 belong to no operation', () => {
    expect(FUD_CATALOGUE.filter((e) => e.operations.length === 0).map((e) => e.code)).toEqual(['FUD_1020', 'FUD_1021', 'FUD_3023', 'FUD_3024', 'FUD_3026']);
  });

  it('names only real operations and elements', () => {
    for (const e of FUD_CATALOGUE) {
      for (const o of e.operations) expect(Object.keys(OPERATIONS)).toContain(o.operation);
      if (e.element !== null) expect(isElementName(e.element)).toBe(true);
      expect(new Set(e.operations.map((o) => o.operation)).size).toBe(e.operations.length);
    }
  });

  it('keeps documented and inferred operations apart', () => {
    const ops = (code: string): string[] => describeFud(code).operations.map((o) => `${o.operation}${o.inferred ? ' (inferred)' : ''}`);
    expect(ops('FUD_1003')).toEqual(['groupRegister', 'serviceregister', 'groupLicenseChange (inferred)', 'serverInit (inferred)']);
    expect(ops('FUD_3022')).toContain('serverInit (inferred)');
    expect(ops('FUD_1013')).toEqual(['forceUpdate', 'serverInit']);
  });

  it('says FUD_1024 is undefined by Samsung and probably about the forceUpdateId', () => {
    const entry = describeFud('FUD_1024');
    expect(entry.known).toBe(true);
    expect(entry.cause).toContain('never defines it');
    expect(entry.cause).toContain('force update ID');
    expect(entry.element).toBe('forceUpdateId');
  });

  it('has an entry for every code the element rules can produce', () => {
    const codes = new Set(FUD_CATALOGUE.map((e) => e.code));
    for (const spec of Object.values(ELEMENTS)) {
      expect(codes.has(spec.missingFud)).toBe(true);
      if (spec.charsetFud !== null) expect(codes.has(spec.charsetFud)).toBe(true);
      if (spec.stricterCharset !== null) expect(codes.has(spec.stricterCharset.fud)).toBe(true);
    }
  });

  it('lists the codes an operation can return', () => {
    const codes = fudCodesFor('forceUpdateSummary').map((e) => e.code);
    expect(codes).toContain('FUD_1024');
    expect(codes).toContain('FUD_3038');
    expect(codes).not.toContain('FUD_1018');
  });
});

describe('describeFud', () => {
  it('finds a known code, tolerating case and spaces', () => {
    expect(describeFud('FUD_3031')).toMatchObject({ code: 'FUD_3031', known: true, element: 'serialNumber', httpStatus: 400 });
    expect(describeFud(' fud_3031 ').code).toBe('FUD_3031');
  });

  it.each([
    ['FUD_1099', 'parameter', 400],
    ['FUD_3025', 'processing', 400],
    ['FUD_9002', 'service', 500],
  ] as const)('gives a sensible generic entry for the unknown %s', (code, category, status) => {
    const entry = describeFud(code);
    expect(entry).toMatchObject({ code, known: false, category, httpStatus: status, operations: [], element: null });
    expect(entry.cause).toContain(`${code}, a code that is not in its published error table`);
    expect(entry.remedy.length).toBeGreaterThan(15);
  });

  it('handles something that is not a FUD code at all', () => {
    expect(describeFud('Policy Falsified')).toMatchObject({ known: false, category: 'unknown', httpStatus: null });
    expect(describeFud('').cause).toContain('an empty error code');
  });
});

import { describe, expect, it } from 'vitest';
import { checkElement, ELEMENT_NAMES, ELEMENTS, normaliseElement, type ElementName, type Finding } from '../../../common/efota/index.ts';

const errors = (findings: Finding[]): Finding[] => findings.filter((f) => f.severity === 'error');
const warnings = (findings: Finding[]): Finding[] => findings.filter((f) => f.severity === 'warning');

// A value of exactly `bytes` bytes that breaks no other rule of the element.
const FILL: Partial<Record<ElementName, (bytes: number) => string>> = {
  mdmId: (n) => 'A'.repeat(n),
  customerId: (n) => 'a'.repeat(n),
  groupId: (n) => 'G'.repeat(n),
  license: (n) => 'L'.repeat(n),
  newLicense: (n) => 'N'.repeat(n),
  deviceModelName: (n) => `SM-${'A'.repeat(n - 3)}`,
  salesCode: (n) => 'B'.repeat(n),
  carrierCode: (n) => 'B'.repeat(n),
  currentFirmwareVersion: (n) => `A/B/${'C'.repeat(n - 4)}`,
  languageCode: (n) => 'e'.repeat(n),
  targetFirmwareVersion: (n) => `A/B/${'C'.repeat(n - 4)}`,
  networkType: (n) => 'W'.repeat(n),
  serialNumber: (n) => 'R'.repeat(n),
  forceUpdateId: (n) => '1'.repeat(n),
  firmwareId: (n) => 'F'.repeat(n),
};

describe('checkElement: byte limits', () => {
  it('has a boundary case for every element that is not a date or an hour', () => {
    const withLimits = ELEMENT_NAMES.filter((name) => ELEMENTS[name].format === null);
    expect(Object.keys(FILL).sort()).toEqual([...withLimits].sort());
  });

  it.each(Object.entries(FILL) as [ElementName, (n: number) => string][])('%s: the limit passes, one byte more is the "missing/too long" code', (element, fill) => {
    const spec = ELEMENTS[element];
    const atLimit = fill(spec.maxBytes);
    const over = fill(spec.maxBytes + 1);
    expect(errors(checkElement(element, atLimit))).toEqual([]);
    const found = errors(checkElement(element, over));
    expect(found[0]?.fud).toBe(spec.missingFud);
    expect(found[0]?.message).toContain(`${spec.maxBytes + 1} bytes`);
    expect(found[0]?.message).toContain(`at most ${spec.maxBytes}`);
  });

  it('counts UTF-8 bytes, not characters', () => {
    const fifty = 'Ü'.repeat(25);
    expect(checkElement('groupId', fifty)).toEqual([]);
    const over = checkElement('groupId', `${fifty}A`);
    expect(over).toHaveLength(1);
    expect(over[0]).toMatchObject({ severity: 'error', fud: 'FUD_1003' });
    expect(over[0]?.message).toMatch(/51 bytes long \(letters outside A–Z take 2 to 4 bytes each\)/);
    expect(errors(checkElement('targetFirmwareVersion', `${'€'.repeat(33)}A`))).toEqual([]);
    expect(errors(checkElement('targetFirmwareVersion', '€'.repeat(34)))[0]?.fud).toBe('FUD_1013');
  });

  it('serials: 100 bytes is the error limit (ERR); over 40 and over 20 are warnings (FU page, device page)', () => {
    const at = (n: number): Finding[] => checkElement('serialNumber', 'R'.repeat(n));
    expect(at(20)).toEqual([]);
    expect(at(21)).toEqual([expect.objectContaining({ severity: 'warning', fud: 'FUD_1018' })]);
    expect(at(21)[0]?.message).toContain("Samsung's device-information page gives a stricter limit of 20");
    expect(at(40)[0]?.message).toContain('stricter limit of 20');
    expect(at(41)).toEqual([expect.objectContaining({ severity: 'warning', fud: 'FUD_1018' })]);
    expect(at(41)[0]?.message).toContain('the forceUpdate page gives a stricter limit of 40');
    expect(errors(at(100))).toEqual([]);
    expect(errors(at(101))).toEqual([expect.objectContaining({ fud: 'FUD_1018' })]);
  });

  it('networkType: over 20 bytes is an error (ERR), over 10 only a warning (FU page)', () => {
    const fud1022 = (value: string): Finding[] => checkElement('networkType', value).filter((f) => f.fud === 'FUD_1022');
    expect(fud1022('W'.repeat(10))).toEqual([]);
    expect(fud1022('W'.repeat(11))).toEqual([expect.objectContaining({ severity: 'warning' })]);
    expect(fud1022('W'.repeat(20))).toEqual([expect.objectContaining({ severity: 'warning' })]);
    expect(fud1022('W'.repeat(21))).toEqual([expect.objectContaining({ severity: 'error' })]);
  });
});

describe('checkElement: characters', () => {
  it.each([
    ['R58N 31', 'a space', 'Remove the space.'],
    ['R58N-31', 'a hyphen (-)', "Remove the '-'."],
    ['R58N.31', 'a dot (.)', "Remove the '.'."],
    ['R58NÉ31', "the non-ASCII letter 'É'", "Replace 'É'"],
    ['R58N31АBC', "the non-ASCII letter 'А' (U+0410)", 'look-alike'],
    ['R58N\t31', 'an invisible control character (U+0009)', 'retyping'],
    ['R58N\u000131', 'an invisible control character (U+0001)', 'retyping'],
    ['R58N٣1', "the non-ASCII digit '٣'", 'digit 0–9'],
  ])('serial %j: error FUD_1019 naming %s', (value, described, fix) => {
    const found = checkElement('serialNumber', value);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ element: 'serialNumber', severity: 'error', fud: 'FUD_1019' });
    expect(found[0]?.message).toContain(`contains ${described}`);
    expect(found[0]?.message).toContain('serial numbers may only contain letters (A–Z) and digits');
    expect(found[0]?.message).toContain(fix);
  });

  it('shows control characters visibly in the message', () => {
    expect(checkElement('serialNumber', 'R58N\t31')[0]?.message).toContain("'R58N␉31'");
  });

  it('reads the example of the brief in plain words', () => {
    expect(checkElement('serialNumber', 'R58N 31')[0]?.message).toBe(
      "Serial 'R58N 31' contains a space; serial numbers may only contain letters (A–Z) and digits. Remove the space.",
    );
  });

  it('a non-ASCII letter is not folded into ASCII letters (ß stays ß)', () => {
    expect(checkElement('serialNumber', 'r58ß')).toEqual([expect.objectContaining({ value: 'R58ß', fud: 'FUD_1019' })]);
  });

  it('no-break and zero-width spaces are cleaned away, not reported', () => {
    expect(checkElement('serialNumber', '\u00A0R58N\u200B31ABCDE\uFEFF')).toEqual([]);
    expect(normaliseElement('serialNumber', '\u00A0R58N\u200B31ABCDE\uFEFF')).toBe('R58N31ABCDE');
  });

  it('model: an underscore is only a warning (ERR allows it, the FU page does not); other punctuation is an error', () => {
    const underscore = checkElement('deviceModelName', 'SM_G991B');
    expect(underscore).toEqual([expect.objectContaining({ severity: 'warning', fud: 'FUD_1006' })]);
    expect(underscore[0]?.message).toContain("Samsung's error table permits letters, digits, hyphens and underscores, but the forceUpdate page");
    expect(checkElement('deviceModelName', 'SM G991B')).toEqual([expect.objectContaining({ severity: 'error', fud: 'FUD_1006' })]);
    expect(checkElement('deviceModelName', 'SM-G991B/DS')).toEqual([expect.objectContaining({ severity: 'error', fud: 'FUD_1006' })]);
    expect(checkElement('deviceModelName', 'SM-G991B')).toEqual([]);
  });

  it.each([
    ['salesCode', 'BT-U', 'FUD_1008'],
    ['carrierCode', 'BT U', 'FUD_1008'],
    ['currentFirmwareVersion', 'G991BXXU5CVD1 /G991BOXM5CVD1/G991BXXU5CVD1', 'FUD_1010'],
    ['languageCode', 'en_US', 'FUD_1012'],
    ['languageCode', 'eng1', 'FUD_1012'],
    ['firmwareId', 'FW 20230601', 'FUD_1021'],
    ['forceUpdateId', '10720230614_JEA00042117', 'FUD_3038'],
  ] as [ElementName, string, string][])('%s %j: error %s', (element, value, fud) => {
    expect(errors(checkElement(element, value))).toEqual([expect.objectContaining({ fud })]);
  });

  it('target firmware: characters outside ERR 3028 are warnings, because the API page permits all characters', () => {
    const found = checkElement('targetFirmwareVersion', 'G991BXXU5CVF1/G991BOXM5CVF1/G991BXXU5CVF1+');
    expect(found).toEqual([expect.objectContaining({ severity: 'warning', fud: 'FUD_3028' })]);
    expect(found[0]?.message).toContain("Samsung's forceUpdate and serverInit pages permit any character here");
  });

  it('networkType: characters outside the FU page list are a warning (ERR documents only a length error)', () => {
    expect(checkElement('networkType', 'WIFI-ONLY')).toEqual([expect.objectContaining({ severity: 'warning', fud: 'FUD_1022' })]);
  });

  it('"any character" elements accept punctuation and spaces, and only warn about control characters', () => {
    expect(checkElement('groupId', 'Test Device Group #2')).toEqual([]);
    expect(checkElement('customerId', 'EEEE4444-FF55-AA66-BB77-CCCCCC888888')).toEqual([]);
    expect(checkElement('mdmId', 'K7Q2\u0007M9')).toEqual([expect.objectContaining({ severity: 'warning', fud: null })]);
  });
});

describe('checkElement: case', () => {
  it('folds serials, MDM IDs and group IDs to upper case, as Samsung does', () => {
    expect(normaliseElement('serialNumber', 'r58n31abcde')).toBe('R58N31ABCDE');
    expect(normaliseElement('mdmId', 'k7q2m9x4tp')).toBe('K7Q2M9X4TP');
    expect(normaliseElement('groupId', 'warehouse scanners')).toBe('WAREHOUSE SCANNERS');
    expect(checkElement('serialNumber', 'r58n31abcde')).toEqual([]);
    expect(checkElement('serialNumber', 'r58n 31')[0]?.value).toBe('R58N 31');
  });

  it('keeps customer IDs, licence keys and force update IDs exactly as given', () => {
    expect(normaliseElement('customerId', 'eeee4444-ff55')).toBe('eeee4444-ff55');
    expect(normaliseElement('license', 'EFOTA1-fff555-ggg666-hh77')).toBe('EFOTA1-fff555-ggg666-hh77');
    expect(normaliseElement('forceUpdateId', '107-jea')).toBe('107-jea');
  });

  it('writes models, sales codes, network types and firmware in upper case, and Latest as documented', () => {
    expect(normaliseElement('deviceModelName', 'sm-g991b')).toBe('SM-G991B');
    expect(normaliseElement('salesCode', 'btu')).toBe('BTU');
    expect(normaliseElement('networkType', 'wifionly')).toBe('WIFIONLY');
    expect(checkElement('networkType', 'wifionly')).toEqual([]);
    expect(normaliseElement('targetFirmwareVersion', 'LATEST')).toBe('Latest');
    expect(checkElement('targetFirmwareVersion', 'latest')).toEqual([]);
  });
});

describe('checkElement: missing values', () => {
  const required = ELEMENT_NAMES.filter((name) => ELEMENTS[name].absent === 'error');

  it.each(required)('%s: undefined, empty and blank give its "missing" code', (element) => {
    for (const value of [undefined, '', '  \u00A0 ', '\u200B']) {
      const found = checkElement(element, value);
      expect(found).toEqual([expect.objectContaining({ element, severity: 'error', fud: ELEMENTS[element].missingFud, value: '' })]);
      expect(found[0]?.message).toMatch(/is missing\. Enter .+\.$/);
    }
  });

  it('a missing current firmware version is a warning (the tutorial allows it, ERR calls it mandatory)', () => {
    expect(checkElement('currentFirmwareVersion', undefined)).toEqual([expect.objectContaining({ severity: 'warning', fud: 'FUD_1009' })]);
  });

  it('networkType and languageCode may be left out', () => {
    expect(checkElement('networkType', undefined)).toEqual([]);
    expect(checkElement('networkType', '')).toEqual([]);
    expect(checkElement('languageCode', undefined)).toEqual([]);
  });
});

describe('checkElement: dates and hours', () => {
  it.each([
    ['20230231', 'is not a real date: February 2023 has 28 days'],
    ['20231301', 'there is no month 13'],
    ['2023-06-01', 'has separators; write it as eight digits with none, yyyyMMdd: 20230601'],
    ['2023/6/1', 'yyyyMMdd: 20230601'],
    ['2023061', 'has 7 digits; a date needs 8'],
    ['01.06.2023', 'is not a date written yyyyMMdd'],
    ['2023060１', 'is not a date written yyyyMMdd'],
  ])('start date %j is FUD_1014: %s', (value, problem) => {
    const found = checkElement('deliveryStartDate', value);
    expect(found).toEqual([expect.objectContaining({ severity: 'error', fud: 'FUD_1014' })]);
    expect(found[0]?.message).toContain(problem);
  });

  it('accepts real dates, including 29 February of a leap year, and uses FUD_1015 for the end date', () => {
    expect(checkElement('deliveryStartDate', '20240229')).toEqual([]);
    expect(checkElement('deliveryEndDate', '20250229')).toEqual([expect.objectContaining({ fud: 'FUD_1015' })]);
    expect(checkElement('deliveryEndDate', '20250228')).toEqual([]);
  });

  it.each(['00', '01', '12', '23'])('hour %s is fine', (hour) => {
    expect(checkElement('dailyStartHour', hour)).toEqual([]);
    expect(checkElement('dailyEndHour', hour)).toEqual([]);
  });

  it('hour 24 is accepted with a warning (ERR speaks of 0 to 24)', () => {
    expect(checkElement('dailyEndHour', '24')).toEqual([expect.objectContaining({ severity: 'warning', fud: 'FUD_1017' })]);
    expect(checkElement('dailyStartHour', '24')[0]?.message).toContain('move the start date to the next day');
  });

  it.each([
    ['25', 'is not an hour of the day'],
    ['1', 'write two: 01'],
    ['1:00', 'write the hour only, as two digits: 01'],
    ['01:30', 'the window always begins on the hour'],
    ['one', 'is not an hour written as two digits'],
    ['001', 'is not an hour written as two digits'],
  ])('hour %j is an error: %s', (value, problem) => {
    const start = checkElement('dailyStartHour', value);
    expect(start).toEqual([expect.objectContaining({ severity: 'error', fud: 'FUD_1016' })]);
    expect(start[0]?.message).toContain(problem);
    expect(checkElement('dailyEndHour', value)).toEqual([expect.objectContaining({ severity: 'error', fud: 'FUD_1017' })]);
  });
});

describe('checkElement: plausibility warnings', () => {
  it('a model without a hyphen (a marketing name?) is a warning', () => {
    expect(checkElement('deviceModelName', 'G991B')).toEqual([expect.objectContaining({ severity: 'warning', fud: 'FUD_3014' })]);
  });

  it('a sales code that is not three characters (a carrier name?) is a warning', () => {
    expect(checkElement('salesCode', 'VODAFONE')).toEqual([expect.objectContaining({ severity: 'warning', fud: 'FUD_3014' })]);
    expect(checkElement('salesCode', 'BTU')).toEqual([]);
  });

  it('only WIFIONLY and ANY are documented network types', () => {
    expect(checkElement('networkType', 'ANY')).toEqual([]);
    expect(checkElement('networkType', 'WIFI')).toEqual([expect.objectContaining({ severity: 'warning', fud: null })]);
  });

  it('an unknown language code is a warning; known codes match in any case', () => {
    expect(checkElement('languageCode', 'ENG')).toEqual([]);
    expect(checkElement('languageCode', 'fra-ca')).toEqual([]);
    expect(checkElement('languageCode', 'klingon')).toEqual([expect.objectContaining({ severity: 'warning', fud: null })]);
  });

  it('firmware: three /-separated parts (parts may be empty) or Latest; anything else is a warning', () => {
    expect(checkElement('targetFirmwareVersion', 'T830XXU4BTB2.DM/T830OXM4BTB2/')).toEqual([]);
    expect(checkElement('targetFirmwareVersion', 'Latest')).toEqual([]);
    expect(checkElement('targetFirmwareVersion', 'G991BXXU5CVF1')).toEqual([expect.objectContaining({ severity: 'warning', fud: 'FUD_3015' })]);
    expect(checkElement('currentFirmwareVersion', 'G991BXXU5CVD1')).toEqual([expect.objectContaining({ severity: 'warning', fud: 'FUD_3029' })]);
  });

  it('an IMEI in the serial column is a warning; 15-character serials that are not IMEIs are fine', () => {
    expect(checkElement('serialNumber', '490154203237518')).toEqual([expect.objectContaining({ severity: 'warning', fud: 'FUD_3031' })]);
    expect(checkElement('serialNumber', '490154203237517')).toEqual([]);
    expect(checkElement('serialNumber', 'C08900518981610')).toEqual([]);
  });

  it('warnings never come on top of an error for the same value', () => {
    expect(warnings(checkElement('deviceModelName', 'G991B!'))).toEqual([]);
  });
});

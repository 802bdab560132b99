import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../common/clock.ts';
import {
  ELEMENTS,
  firstError,
  hasErrors,
  OPERATIONS,
  REQUEST_ELEMENTS,
  validateRequest,
  type OperationName,
  type RequestFields,
} from '../../../common/efota/index.ts';

const clock = new ManualClock(Date.UTC(2030, 4, 1));

const ACCOUNT = { mdmId: 'K7Q2M9X4TP', customerId: '3F2A91C4-7B10-4D2E-9A55-0C6E81B2D7F3', license: 'EFOTA1-a1b2c3-d4e5f6-g7h8' };
const TARGET = 'G991BXXU5CVF1/G991BOXM5CVF1/G991BXXU5CVF1';

// A request Samsung would accept, per operation (docs/efota-api.md §2.1–2.10 examples).
const VALID: Record<OperationName, RequestFields> = {
  groupRegister: { ...ACCOUNT, groupId: 'WAREHOUSE-SCANNERS' },
  serviceregister: { ...ACCOUNT, groupId: 'Test Device Group' },
  groupLicenseChange: { ...ACCOUNT, groupId: 'WAREHOUSE-SCANNERS', newLicense: 'EFOTA1-z9y8x7-w6v5u4-t3s2' },
  licenseInfo: ACCOUNT,
  abnormalDeviceList: { ...ACCOUNT, serialNumber: ['R58N31ABCDE', 'R58N31ABCDF', 'R58N31ABCDG'] },
  firmwareList: { ...ACCOUNT, deviceModelName: 'SM-G991B', salesCode: 'BTU', currentFirmwareVersion: 'G991BXXU5CVD1/G991BOXM5CVD1/G991BXXU5CVD1', languageCode: 'ENG' },
  forceUpdate: { ...ACCOUNT, deviceModelName: 'SM-G991B', salesCode: 'BTU', targetFirmwareVersion: TARGET, networkType: 'WIFIONLY', serialNumber: ['R58N31ABCDE', 'R58N31ABCDF'] },
  forceUpdateSummary: { ...ACCOUNT, forceUpdateId: '10720230614-JEA00042117' },
  forceUpdateDetail: { ...ACCOUNT, forceUpdateId: '10720230614-JEA00042117' },
  serverInit: {
    ...ACCOUNT, groupId: 'WAREHOUSE-SCANNERS', deviceModelName: 'SM-G991B', carrierCode: 'BTU', targetFirmwareVersion: TARGET,
    deliveryStartDate: '20300601', deliveryEndDate: '20300605', dailyStartHour: '01', dailyEndHour: '04',
  },
};

const without = (fields: RequestFields, name: string): RequestFields => Object.fromEntries(Object.entries(fields).filter(([k]) => k !== name));

describe('validateRequest', () => {
  it('knows the elements of every operation', () => {
    expect(Object.keys(REQUEST_ELEMENTS).sort()).toEqual(Object.keys(OPERATIONS).sort());
  });

  it.each(Object.keys(VALID) as OperationName[])('%s: a documented example request has no findings', (op) => {
    expect(validateRequest(op, VALID[op], clock)).toEqual([]);
  });

  const missing = (Object.keys(REQUEST_ELEMENTS) as OperationName[]).flatMap((op) =>
    REQUEST_ELEMENTS[op].filter((e) => e.required).map((e) => [op, e.element, ELEMENTS[e.element].missingFud] as const),
  );

  it.each(missing)('%s without %s: first error %s', (op, element, fud) => {
    const findings = validateRequest(op, without(VALID[op], element), clock);
    expect(firstError(findings)).toMatchObject({ element, fud });
  });

  it('serverInit needs carrierCode: salesCode is ignored there (FUD_1007), and the message says so', () => {
    const fields = { ...without(VALID.serverInit, 'carrierCode'), salesCode: 'BTU' };
    const error = firstError(validateRequest('serverInit', fields, clock));
    expect(error).toMatchObject({ element: 'carrierCode', fud: 'FUD_1007' });
    expect(error?.message).toContain('serverInit is a version-1 call: send the sales code as carrierCode, not salesCode');
  });

  it('forceUpdate needs salesCode: carrierCode gives FUD_1007 (ERR note), and the message says so', () => {
    const fields = { ...without(VALID.forceUpdate, 'salesCode'), carrierCode: 'BTU' };
    const findings = validateRequest('forceUpdate', fields, clock);
    expect(firstError(findings)?.message).toContain('forceUpdate is a version-2 call: send the sales code as salesCode, not carrierCode');
    expect(findings.at(-1)).toMatchObject({ element: 'carrierCode', severity: 'warning', fud: null });
  });

  it('orders findings like the server: elements in document order, existence before length before characters', () => {
    const fields = { ...VALID.forceUpdate, mdmId: undefined, deviceModelName: 'SM G991B', targetFirmwareVersion: undefined, serialNumber: ['R58N 31'] };
    expect(validateRequest('forceUpdate', fields, clock).map((f) => f.fud)).toEqual(['FUD_1001', 'FUD_1006', 'FUD_1013', 'FUD_1019']);
    const twice = { ...VALID.forceUpdate, deviceModelName: `SM G991B${'X'.repeat(20)}` };
    expect(validateRequest('forceUpdate', twice, clock).map((f) => f.fud)).toEqual(['FUD_1005', 'FUD_1006']);
  });

  it('optional elements may be left out', () => {
    expect(validateRequest('forceUpdate', without(VALID.forceUpdate, 'networkType'), clock)).toEqual([]);
    expect(validateRequest('firmwareList', without(VALID.firmwareList, 'languageCode'), clock)).toEqual([]);
    expect(validateRequest('abnormalDeviceList', { ...VALID.abnormalDeviceList, groupId: '' }, clock)).toEqual([]);
  });

  it('firmwareList without a current version: only a warning FUD_1009', () => {
    const findings = validateRequest('firmwareList', without(VALID.firmwareList, 'currentFirmwareVersion'), clock);
    expect(findings).toEqual([expect.objectContaining({ severity: 'warning', fud: 'FUD_1009' })]);
    expect(hasErrors(findings)).toBe(false);
  });

  it('an optional element that is present is still checked', () => {
    expect(firstError(validateRequest('forceUpdate', { ...VALID.forceUpdate, networkType: 'W'.repeat(21) }, clock))?.fud).toBe('FUD_1022');
  });

  it('the serial list: 101 serials give FUD_1018; a single string counts as one serial', () => {
    const many = Array.from({ length: 101 }, (_, i) => `R58N${String(i).padStart(7, '0')}`);
    expect(firstError(validateRequest('forceUpdate', { ...VALID.forceUpdate, serialNumber: many }, clock))?.fud).toBe('FUD_1018');
    expect(validateRequest('abnormalDeviceList', { ...VALID.abnormalDeviceList, serialNumber: 'R58N31ABCDE' }, clock)).toEqual([]);
  });

  it('a list given for a single-value element is an error with its code', () => {
    expect(firstError(validateRequest('licenseInfo', { ...ACCOUNT, license: ['A', 'B'] }, clock))).toMatchObject({ element: 'license', fud: 'FUD_1004' });
  });

  it('serverInit: the window rules come after every element check', () => {
    const fields = { ...VALID.serverInit, groupId: undefined, deliveryStartDate: '20300401', deliveryEndDate: '20300412' };
    expect(validateRequest('serverInit', fields, clock).map((f) => f.fud)).toEqual(['FUD_1003', 'FUD_3002', 'FUD_3005']);
  });

  it('serverInit: a schedule that does not parse gives only the format error', () => {
    expect(validateRequest('serverInit', { ...VALID.serverInit, dailyEndHour: '4' }, clock).map((f) => f.fud)).toEqual(['FUD_1017']);
  });

  it('elements that are not part of the operation are warned about, not refused', () => {
    const findings = validateRequest('forceUpdate', { ...VALID.forceUpdate, groupId: 'WAREHOUSE', colour: 'blue' }, clock);
    expect(findings).toEqual([
      expect.objectContaining({ element: 'groupId', severity: 'warning', fud: null }),
      expect.objectContaining({ element: 'colour', severity: 'warning', fud: null }),
    ]);
    expect(findings[0]?.message).toContain('Group ID (groupId) is not part of a forceUpdate request');
  });

  it('case folding happens before checks: lower-case IDs and serials are fine', () => {
    const fields = { ...VALID.forceUpdate, mdmId: 'k7q2m9x4tp', deviceModelName: 'sm-g991b', salesCode: 'btu', networkType: 'any', serialNumber: ['r58n31abcde'] };
    expect(validateRequest('forceUpdate', fields, clock)).toEqual([]);
  });
});

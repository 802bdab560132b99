import { describe, expect, it } from 'vitest';
import { clean, cleanUpper, normaliseFirmware, normaliseNetworkType, normaliseSerial } from '../../../common/efota/index.ts';

describe('normalisation', () => {
  it('strips no-break and zero-width spaces anywhere, and trims', () => {
    expect(clean('\u00A0 R58N\u200B31\u200DABC\uFEFF \t')).toBe('R58N31ABC');
    expect(clean('SM-G991B\u202F')).toBe('SM-G991B');
  });

  it('keeps ordinary inner spaces (they are errors for serials, allowed in group IDs)', () => {
    expect(clean(' Test Device Group ')).toBe('Test Device Group');
  });

  it('upper-cases only a–z, so a stray non-ASCII letter is never turned into valid letters', () => {
    expect(normaliseSerial('r58n31abcde')).toBe('R58N31ABCDE');
    expect(cleanUpper('r58ß')).toBe('R58ß');
    expect(cleanUpper('süd')).toBe('SüD');
  });

  it('writes any spelling of latest as Latest and upper-cases other firmware', () => {
    expect(normaliseFirmware(' LATEST ')).toBe('Latest');
    expect(normaliseFirmware('latest')).toBe('Latest');
    expect(normaliseFirmware('t830xxu4btb2.dm/t830oxm4btb2/')).toBe('T830XXU4BTB2.DM/T830OXM4BTB2/');
  });

  it('upper-cases network types', () => {
    expect(normaliseNetworkType('wifiOnly')).toBe('WIFIONLY');
  });
});

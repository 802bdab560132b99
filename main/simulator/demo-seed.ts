// The demo tenant: a mid-sized fleet plus the documentation's own sample identities, so every
// documented example works as written. Dates are relative to the simulator's clock.
import { SeededRandom } from './random.ts';
import type { SeedData, SeedDevice, SeedFirmware, SeedFirmwareVersion, SeedLicense } from './seed.ts';
import { DEMO_CLIENT } from './tokens.ts';

/** The documentation's sample identities (docs/efota-api.md §1.6, seeds 000–004). */
export const DOC = {
  mdmId: 'd1e2f3g4h5',
  customerId: 'EEEE4444-FF55-AA66-BB77-CCCCCC888888',
  license: 'EFOTA1-fff555-ggg666-hh77',
  registrableGroup: 'EMMGID12312323',
  testGroup: 'TEST DEVICE GROUP',
  serials: ['C08900518981610', 'C78987898789878', 'C11111111111111'],
} as const;

/** The second partner of the composed examples in docs/efota-api.md §2: issued, but nothing registered yet. */
export const SECOND_PARTNER = {
  mdmId: 'K7Q2M9X4TP',
  customerId: '3F2A91C4-7B10-4D2E-9A55-0C6E81B2D7F3',
  license: 'EFOTA1-a1b2c3-d4e5f6-g7h8',
  group: 'WAREHOUSE-SCANNERS',
} as const;

/** The other licences of the demo MDM/customer, one per state worth practising. */
export const DEMO_LICENSES = {
  spare: 'EFOTA1-spr001-new200-aa01',
  small: 'EFOTA1-sml001-two002-ss01',
  enterprise: 'EFOTA2-ent001-eee100-ee01',
  expired: 'EFOTA1-exp001-old100-xx01',
  cancelled: 'EFOTA1-can001-old100-cc01',
  terminated: 'EFOTA1-ter001-old100-tt01',
  notActive: 'EFOTA1-nac001-new100-na01',
} as const;

const v = (version: string, firmwareId: string, osVersion: string, firmwareType: string, openedDate: string, securityPatchDate: string, description: string): SeedFirmwareVersion => ({
  version, firmwareId, osVersion, firmwareType, openedDate, securityPatchDate, description,
});

const G991B = [
  v('G991BXXU5CVD1/G991BOXM5CVD1/G991BXXU5CVD1', 'FW-20220420-08117', 'S(Android 12)', 'Bug Fix', '2022-04-20 08:30:00', '2022-04-01', 'Security update'),
  v('G991BXXU5CVF1/G991BOXM5CVF1/G991BXXU5CVF1', 'FW-20230601-10422', 'S(Android 12)', 'Bug Fix', '2022-06-14 09:12:40', '2022-06-01', 'Security update'),
  v('G991BXXU7EWCA/G991BOXM7EWCA/G991BXXU7EWCA', 'FW-20230320-11873', 'T(Android 13)', 'OS Upgrade', '2023-03-20 07:45:10', '2023-03-01', 'One UI 5.1\nAndroid 13 upgrade'),
  v('G991BXXSAFXH1/G991BOXMAFXH1/G991BXXSAFXH1', 'FW-20240812-16540', 'U(Android 14)', 'Bug Fix', '2024-08-12 10:05:00', '2024-08-01', 'Security update'),
];
const A536B = [
  v('A536BXXU4BWA2/A536BOXM4BWA2/A536BXXU4BWA2', 'FW-20230118-10990', 'T(Android 13)', 'OS Upgrade', '2023-01-18 06:00:00', '2023-01-01', 'One UI 5.0'),
  v('A536BXXU6CWK1/A536BOXM6CWK1/A536BXXU6CWK1', 'FW-20231127-13822', 'U(Android 14)', 'OS Upgrade', '2023-11-27 06:30:00', '2023-11-01', 'One UI 6.0'),
  v('A536BXXS9DXG3/A536BOXM9DXG3/A536BXXS9DXG3', 'FW-20240722-16201', 'U(Android 14)', 'Bug Fix', '2024-07-22 08:00:00', '2024-07-01', 'Security update'),
];
// Wi-Fi-only tablets have an empty CP part (PM's real target T830XXU4BTB2.DM/T830OXM4BTB2/).
const T830 = [
  v('T830XXU4BTA1/T830OXM4BTA1/', 'FW-20200114-05501', 'Q(Android 10)', 'OS Upgrade', '2020-01-14 05:20:00', '2020-01-01', 'Android 10 upgrade'),
  v('T830XXU4BTB2.DM/T830OXM4BTB2/', 'FW-20200220-05630', 'Q(Android 10)', 'Bug Fix', '2020-02-20 05:20:00', '2020-02-01', 'FOTA-FUS UPDATE'),
  v('T830XXS4CUE1/T830OXM4CUE1/', 'FW-20210517-07115', 'Q(Android 10)', 'Bug Fix', '2021-05-17 05:20:00', '2021-05-01', 'Security update'),
];
const X200 = [
  v('X200XXU2BWB1/X200OXM2BWB1/', 'FW-20230214-11210', 'T(Android 13)', 'OS Upgrade', '2023-02-14 04:10:00', '2023-02-01', 'One UI 5.1'),
  v('X200XXS3CXA2/X200OXM3CXA2/', 'FW-20240129-14412', 'U(Android 14)', 'OS Upgrade', '2024-01-29 04:10:00', '2024-01-01', 'One UI 6.0'),
];
const G781B = [
  v('G781BXXU4EWB2/G781BOXM4EWB2/G781BXXU4EWB2', 'FW-20230227-11400', 'T(Android 13)', 'OS Upgrade', '2023-02-27 09:00:00', '2023-02-01', 'One UI 5.1'),
  v('G781BXXS7FXF1/G781BOXM7FXF1/G781BXXS7FXF1', 'FW-20240610-15980', 'U(Android 14)', 'Bug Fix', '2024-06-10 09:00:00', '2024-06-01', 'Security update'),
];
const S918B = [v('S918BXXU1AWBD/S918BOXM1AWBD/S918BXXU1AWBD', 'FW-20230217-11322', 'T(Android 13)', 'Bug Fix', '2023-02-17 08:00:00', '2023-02-01', 'Security update')];
// The documentation's samples (seeds 000–002): G739F… for GT-S8500AA, G930F… for GT-S8500A, sales code QA4.
const S8500AA = [
  v('G739FXXU0APD1/G739FOXA0NPD1/G739FXXU0APD1', 'FW-20160418-00731', 'Marshmallow(Android 6.0.1)', 'Bug Fix', '2016-04-18 03:00:00', '2016-04-01', 'Security update'),
  v('G739FXXU0APE3/G739FOXA0NPE3/G739FXXU0APE3', 'FW-20160520-00802', 'Marshmallow(Android 6.0.1)', 'Bug Fix', '2016-05-20 03:00:00', '2016-05-01', 'FOTA-FUS UPDATE'),
];
const S8500A = [
  v('G930FXXU1DQA1/G930FOXA1DQA1/G930FXXU1DQA1', 'FW-20160402-00690', 'Marshmallow(Android 6.0.1)', 'Bug Fix', '2016-04-02 03:00:00', '2016-04-01', 'Security update'),
  v('G930FXXU1DQB3/G930FOXA1DQB1/G930FXXU1DQB1', 'FW-20160512-00777', 'Nougat(Android 7.0)', 'OS Upgrade', '2016-05-12 03:00:00', '2016-05-01', 'Android 7.0 upgrade'),
];

/** Samsung's firmware catalogue as the simulator knows it (shared by every seed that wants it). */
export function demoCatalogue(): SeedFirmware[] {
  const f = (model: string, salesCode: string, versions: SeedFirmwareVersion[]): SeedFirmware => ({ model, salesCode, versions });
  return [
    f('SM-G991B', 'BTU', G991B), f('SM-A536B', 'BTU', A536B), f('SM-A536B', 'XEU', A536B), f('SM-T830', 'XAR', T830),
    f('SM-X200', 'XAR', X200), f('SM-G781B', 'DBT', G781B), f('SM-S918B', 'BTU', S918B),
    f('GT-S8500AA', 'QA4', S8500AA), f('GT-S8500A', 'QA4', S8500A),
  ];
}

/** The demo tenant (about 300 devices in five groups, some abnormal). */
export function demoSeed(): SeedData {
  const random = new SeededRandom(4242);
  const { mdmId, customerId, license } = DOC;
  const corp = (group: string): string => `${mdmId.toUpperCase()}/${customerId}/${group}`;
  const devices: SeedDevice[] = [];
  // Serials are readable on purpose (prefix + group tag + number, 11 characters like R58N31ABCDE)
  // so tests and practice sessions can name a device: R58N1SP0001 is the first S21 in SALES-PHONES.
  const fleet = (count: number, prefix: string, model: string, salesCode: string, versions: SeedFirmwareVersion[], group: string | null, state?: SeedDevice['state']): void => {
    for (let i = 1; i <= count; i++) {
      // Most devices sit on older versions, so there is something to push.
      const firmware = versions[random.int(0, Math.max(0, versions.length - 2))]?.version ?? '';
      const d: SeedDevice = { serialNumber: `${prefix}${String(i).padStart(4, '0')}`, model, salesCode, firmware };
      if (group) d.corpId = corp(group);
      if (state) d.state = state;
      devices.push(d);
    }
  };
  fleet(90, 'R58N1SP', 'SM-G991B', 'BTU', G991B, 'SALES-PHONES');
  fleet(30, 'R58T1SP', 'SM-A536B', 'BTU', A536B, 'SALES-PHONES');
  fleet(50, 'R58T1FE', 'SM-A536B', 'XEU', A536B, 'FIELD-ENGINEERS');
  fleet(40, 'R58R1FE', 'SM-G781B', 'DBT', G781B, 'FIELD-ENGINEERS');
  fleet(50, 'R52M1WT', 'SM-T830', 'XAR', T830, 'WAREHOUSE-TABLETS');
  fleet(25, 'R9YT1WT', 'SM-X200', 'XAR', X200, 'WAREHOUSE-TABLETS');
  for (const s of DOC.serials) devices.push({ serialNumber: s, model: 'GT-S8500AA', salesCode: 'QA4', firmware: S8500AA[0]?.version ?? '', corpId: corp(DOC.testGroup) });
  fleet(4, 'C0890051000', 'GT-S8500A', 'QA4', S8500A, DOC.testGroup);
  // Abnormal devices: enrolled against a group nobody registered, never enrolled, or blocked for lack of seats.
  fleet(4, 'R58N1FT', 'SM-G991B', 'BTU', G991B, 'FIELD-TRIAL');
  fleet(5, 'R58N1NE', 'SM-G991B', 'BTU', G991B, null, 'Not Enrolled');
  fleet(3, 'R58T1NE', 'SM-A536B', 'XEU', A536B, null, 'Not Enrolled');
  fleet(6, 'R58T1BL', 'SM-A536B', 'XEU', A536B, 'FIELD-ENGINEERS', 'Blocked, Insufficient License');
  const second = SECOND_PARTNER;
  for (const s of ['R58N31ABCDE', 'R58N31ABCDF']) devices.push({ serialNumber: s, model: 'SM-G991B', salesCode: 'BTU', firmware: G991B[0]?.version ?? '', corpId: `${second.mdmId}/${second.customerId}/${second.group}` });

  const lic = (key: string, type: 'SA' | 'EE', status: SeedLicense['status'], activeFrom: string, activeTo: string, seats?: number): SeedLicense => ({
    license: key, mdmId, customerId, type, status, activeFrom, activeTo, ...(seats === undefined ? {} : { seats }),
  });
  const L = DEMO_LICENSES;
  const licenses: SeedLicense[] = [
    lic(license, 'SA', 'Normal', '-200d', '+165d', 700),
    lic(L.spare, 'SA', 'Normal', '-30d', '+335d', 200),
    lic(L.small, 'SA', 'Normal', '-30d', '+335d', 2),
    lic(L.enterprise, 'EE', 'Normal', '-60d', '+305d'),
    lic(L.expired, 'SA', 'Normal', '-400d', '-35d', 100),
    lic(L.cancelled, 'SA', 'Cancelled', '-100d', '+265d', 100),
    lic(L.terminated, 'SA', 'Terminated', '-300d', '+65d', 100),
    lic(L.notActive, 'SA', 'Not Active', '+10d', '+375d', 100),
    { license: second.license, mdmId: second.mdmId, customerId: second.customerId, type: 'SA', status: 'Normal', activeFrom: '-20d', activeTo: '+345d', seats: 250 },
  ];
  const groups = ['SALES-PHONES', 'FIELD-ENGINEERS', 'WAREHOUSE-TABLETS', DOC.testGroup, 'NEW-HIRES'].map((groupId) => ({ mdmId, customerId, groupId, license }));
  return {
    version: 1,
    description: 'FOTA Desk demo tenant (practice data; not a real Samsung tenant)',
    tenant: { mdmId, customerId, license, groupId: 'SALES-PHONES' },
    clients: [{ ...DEMO_CLIENT }],
    licenses,
    groups,
    devices,
    firmware: demoCatalogue(),
  };
}

/** A first-day tenant: the licence from the SLM e-mail and Samsung's catalogue, nothing registered. */
export function emptySeed(): SeedData {
  const { mdmId, customerId, license, registrableGroup } = DOC;
  return {
    version: 1,
    description: 'FOTA Desk empty tenant: an issued licence, no groups, no devices',
    tenant: { mdmId, customerId, license, groupId: registrableGroup },
    clients: [{ ...DEMO_CLIENT }],
    licenses: [{ license, mdmId, customerId, type: 'SA', status: 'Normal', activeFrom: '-1d', activeTo: '+364d', seats: 100 }],
    groups: [],
    devices: [],
    firmware: demoCatalogue(),
  };
}

// The simulator's own table of what it serves (docs/efota-api.md §1.2, §2). It plays Samsung, so it does
// not reuse the client's table in common/efota: a wrong path or root there must fail against it.

/** Every b2bfota operation the simulator serves. */
export type SimOperation =
  | 'groupRegister'
  | 'groupLicenseChange'
  | 'licenseInfo'
  | 'abnormalDeviceList'
  | 'firmwareList'
  | 'forceUpdate'
  | 'forceUpdateSummary'
  | 'forceUpdateDetail'
  | 'serverInit'
  | 'serviceregister';

/** How one operation is reached and which error body it uses. */
export interface SimRoute {
  readonly operation: SimOperation;
  readonly version: 'v1' | 'v2';
  /** request roots accepted (first = the documented one) */
  readonly roots: readonly string[];
  /** true when a success changes the tenant's state */
  readonly changesState: boolean;
}

const route = (operation: SimOperation, version: 'v1' | 'v2', roots: string[], changesState: boolean): SimRoute => ({
  operation,
  version,
  roots,
  changesState,
});

/** Routes by path. serviceregister answers on both documented spellings (docs/efota-api.md §2.10). */
export const ROUTES: ReadonlyMap<string, SimRoute> = new Map([
  ['/b2bfota/v2/groupRegister', route('groupRegister', 'v2', ['B2bGroupRegisterVO'], true)],
  ['/b2bfota/v2/groupLicenseChange', route('groupLicenseChange', 'v2', ['B2bGroupLicenseChangeVO'], true)],
  ['/b2bfota/v2/licenseInfo', route('licenseInfo', 'v2', ['B2bLicenseInfoVO'], false)],
  // The tutorial's root B2bDeviceUpdateStatusVO is an alias (docs/efota-api.md §5 #26); a switch can refuse it.
  ['/b2bfota/v2/abnormalDeviceList', route('abnormalDeviceList', 'v2', ['B2bAbnormalDeviceListVO', 'B2bDeviceUpdateStatusVO'], false)],
  ['/b2bfota/v2/firmwareList', route('firmwareList', 'v2', ['B2bFirmwareInfoListVO'], false)],
  ['/b2bfota/v2/forceUpdate', route('forceUpdate', 'v2', ['B2bForceUpdateVO'], true)],
  ['/b2bfota/v2/forceUpdateSummary', route('forceUpdateSummary', 'v2', ['B2bForceUpdateSummaryVO'], false)],
  ['/b2bfota/v2/forceUpdateDetail', route('forceUpdateDetail', 'v2', ['B2bForceUpdateDetailVO'], false)],
  ['/b2bfota/v1/serverInit', route('serverInit', 'v1', ['B2bServerInitVO'], true)],
  ['/b2bfota/v1/serviceregister', route('serviceregister', 'v1', ['B2bServiceRegisterVO'], true)],
  ['/b2bfota/v1/serviceRegister', route('serviceregister', 'v1', ['B2bServiceRegisterVO'], true)],
]);

/** The legacy guide's `/v2/serverInit` (docs/efota-api.md §5 #17): 404 unless a switch serves it. */
export const V2_SERVER_INIT_ALIAS = '/b2bfota/v2/serverInit';

/** Path of the OAuth token endpoint (docs/efota-api.md §3). */
export const TOKEN_ENDPOINT = '/iam/auth/oauth/v2/token';

/** The `resource` values of error bodies (docs/efota-api.md §1.5.12). */
export const RESOURCE = {
  v2Parameter: 'com.samsung.efota.mdm.service.v2.MDMDeviceServiceResourceImpl',
  v2Business: 'com.samsung.efota.mdm.biz.v2.MdmInitBizImpl',
  v1: 'com.samsung.efota.b2b.service.B2BDeviceServiceResourceImpl',
} as const;

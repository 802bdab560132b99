// The E-FOTA "b2bfota" operations this app drives (docs/efota-api.md §1.2), shared by the client, the
// rules and the CLI. The simulator keeps its own table on purpose: it plays Samsung.

/** Every operation of the API, by the name used in paths and in the FUD table. */
export type OperationName =
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

/** How one operation is called. */
export interface OperationSpec {
  readonly name: OperationName;
  readonly version: 'v1' | 'v2';
  /** path below the base URL */
  readonly path: string;
  /** the XML root element the client sends */
  readonly requestRoot: string;
  /** the XML root of a success body, or null when success is an empty 200 */
  readonly responseRoot: string | null;
  /** true when the call changes server state (never retried when it may have arrived) */
  readonly changesState: boolean;
}

const op = (
  name: OperationName,
  version: 'v1' | 'v2',
  requestRoot: string,
  responseRoot: string | null,
  changesState: boolean,
): OperationSpec => ({ name, version, path: `/b2bfota/${version}/${name}`, requestRoot, responseRoot, changesState });

/** The operation table (docs/efota-api.md §1.2). */
export const OPERATIONS: Readonly<Record<OperationName, OperationSpec>> = {
  groupRegister: op('groupRegister', 'v2', 'B2bGroupRegisterVO', null, true),
  groupLicenseChange: op('groupLicenseChange', 'v2', 'B2bGroupLicenseChangeVO', null, true),
  licenseInfo: op('licenseInfo', 'v2', 'B2bLicenseInfoVO', 'B2bLicenseInfoVO', false),
  abnormalDeviceList: op('abnormalDeviceList', 'v2', 'B2bAbnormalDeviceListVO', 'B2bAbnormalDeviceListVO', false),
  firmwareList: op('firmwareList', 'v2', 'B2bFirmwareInfoListVO', 'B2bFirmwareInfoListVO', false),
  forceUpdate: op('forceUpdate', 'v2', 'B2bForceUpdateVO', 'B2bForceUpdateVO', true),
  forceUpdateSummary: op('forceUpdateSummary', 'v2', 'B2bForceUpdateSummaryVO', 'B2bForceUpdateSummaryVO', false),
  forceUpdateDetail: op('forceUpdateDetail', 'v2', 'B2bForceUpdateDetailVO', 'B2bForceUpdateDetailVO', false),
  serverInit: op('serverInit', 'v1', 'B2bServerInitVO', null, true),
  serviceregister: op('serviceregister', 'v1', 'B2bServiceRegisterVO', null, true),
};

/** Path of the OAuth client-credentials token endpoint (docs/efota-api.md §3). */
export const TOKEN_PATH = '/iam/auth/oauth/v2/token';

/** The documented host (docs/efota-api.md §1.3). */
export const DEFAULT_BASE_URL = 'https://eu-api.samsungknox.com';

// The E-FOTA client: one typed function per operation. Every request is normalised and checked with
// the common/efota rules first (a request Samsung would refuse never leaves the machine), sent once
// with the bearer token (a 401 is retried once with a renewed token: a 401 provably changed nothing),
// and the answer is read liberally into a typed result or a typed error.
import type { Clock } from '../../common/clock.ts';
import { systemClock } from '../../common/clock.ts';
import { OPERATIONS, type OperationName } from '../../common/efota/operations.ts';
import { firstError, validateRequest, type RequestFields } from '../../common/efota/request.ts';
import { normaliseElement } from '../../common/efota/rules.ts';
import { isElementName } from '../../common/efota/elements.ts';
import type { Finding } from '../../common/efota/finding.ts';
import { checkBaseUrl } from './base-url.ts';
import { AuthError, EfotaError, FudError, ProtocolError } from './errors.ts';
import { explainFud } from './fud.ts';
import { exchange, type FetchLike, type RawAnswer } from './http.ts';
import { interpretAnswer } from './interpret.ts';
import { redact } from './redact.ts';
import {
  readAbnormalDeviceList,
  readFirmwareList,
  readForceUpdateId,
  readForceUpdateSummary,
  readGeneric,
  readLicenseInfo,
} from './responses.ts';
import type {
  AbnormalDeviceList,
  EfotaIdentity,
  FirmwareList,
  FirmwareListRequest,
  ForceUpdateDetail,
  ForceUpdateRequest,
  ForceUpdateResult,
  ForceUpdateSummary,
  LicenseInfo,
  ServerInitRequest,
} from './types.ts';
import { buildXml, type XmlElement, type XmlFields } from './xml.ts';

/** Where the bearer token comes from (a static value, the OS keychain, a token call…). */
export interface TokenProvider {
  /** the current token */
  getToken(): Promise<string>;
  /** a fresh token after `rejected` got a 401; absent when the provider cannot renew */
  renew?(rejected: string): Promise<string>;
}

/** Per-call limits of the API calls. */
export interface CallLimits {
  /** whole call, connect to last byte (default 60 s) */
  readonly timeoutMs: number;
  /** bodies beyond this are cut and refused (default 2 MiB) */
  readonly maxBodyBytes: number;
}

/** Defaults of the API calls (the connect limit belongs to the transport, see node-fetch.ts). */
export const DEFAULT_CALL_LIMITS: CallLimits = { timeoutMs: 60_000, maxBodyBytes: 2 * 1024 * 1024 };

/** What the client needs. */
export interface EfotaClientOptions {
  /** default: the documented host */
  readonly baseUrl?: string;
  readonly identity: EfotaIdentity;
  readonly tokens: TokenProvider;
  readonly fetch: FetchLike;
  readonly timeouts?: Partial<CallLimits>;
  /** for schedule checks and Retry-After dates (default: the system clock) */
  readonly clock?: Clock;
  /** told about every request's findings before it is sent (warnings included) */
  readonly onFindings?: (operation: OperationName, findings: readonly Finding[]) => void;
}

/** The typed E-FOTA operations. */
export interface EfotaClient {
  readonly baseUrl: string;
  licenseInfo(): Promise<LicenseInfo>;
  groupRegister(groupId: string): Promise<void>;
  groupLicenseChange(groupId: string, newLicense: string): Promise<void>;
  firmwareList(request: FirmwareListRequest): Promise<FirmwareList>;
  abnormalDeviceList(serials: readonly string[]): Promise<AbnormalDeviceList>;
  forceUpdate(request: ForceUpdateRequest): Promise<ForceUpdateResult>;
  forceUpdateSummary(forceUpdateId: string): Promise<ForceUpdateSummary>;
  forceUpdateDetail(forceUpdateId: string): Promise<ForceUpdateDetail>;
  serverInit(request: ServerInitRequest): Promise<void>;
}

type Value = string | readonly string[] | undefined;

/** Creates a client; throws a TypeError for a base URL that is not https (or loopback http). */
export function createEfotaClient(options: EfotaClientOptions): EfotaClient {
  const base = checkBaseUrl(options.baseUrl);
  if (!base.ok) throw new TypeError(base.message);
  const baseUrl = base.url;
  const limits: CallLimits = { ...DEFAULT_CALL_LIMITS, ...options.timeouts };
  const clock = options.clock ?? systemClock;

  /** Normalises, checks, sends and interprets one call; returns the checked success answer. */
  async function call(op: OperationName, given: ReadonlyArray<readonly [string, Value]>): Promise<{ answer: RawAnswer; root: XmlElement | null }> {
    const spec = OPERATIONS[op];
    const fields: Array<readonly [string, Value]> = [
      ['mdmId', options.identity.mdmId],
      ['customerId', options.identity.customerId],
      ['license', options.identity.license],
      ...given,
    ];
    const normalised = fields.map(([name, value]) => [name, normalise(name, value)] as const);
    const record: Record<string, Value> = {};
    for (const [name, value] of normalised) if (value !== undefined) record[name] = value;
    const findings = validateRequest(op, record as RequestFields, clock);
    options.onFindings?.(op, findings);
    const blocking = firstError(findings);
    if (blocking) {
      throw new FudError({
        operation: op,
        // every blocking rule names Samsung's code; should one not, the finding alone explains it
        explanation: blocking.fud
          ? explainFud(blocking.fud)
          : { code: 'LOCAL_CHECK', httpStatus: null, category: null, cause: blocking.message, remedy: 'Correct the value and send again.' },
        httpStatus: null,
        local: true,
        findings: findings.filter((f) => f.severity === 'error'),
        detail: blocking.message,
      });
    }
    const xmlFields: XmlFields = normalised.flatMap(([name, value]): XmlFields => {
      if (value === undefined) return [];
      if (typeof value === 'string') return [[name, value]];
      return [[name === 'serialNumber' ? 'deviceList' : name, { item: name, values: value }]];
    });
    const body = buildXml(spec.requestRoot, xmlFields);

    const first = await obtain(op, () => options.tokens.getToken());
    const used = [first];
    let answer = await send(op, first, body);
    if (answer.status === 401 && options.tokens.renew) {
      const renew = options.tokens.renew.bind(options.tokens);
      const renewed = await obtain(op, () => renew(first));
      used.push(renewed);
      answer = await send(op, renewed, body);
    }
    const root = interpretAnswer(op, answer, { secrets: used, now: clock.now() });
    return { answer, root };
  }

  async function obtain(op: OperationName, get: () => Promise<string>): Promise<string> {
    let token: string;
    try {
      token = await get();
    } catch (error) {
      if (error instanceof EfotaError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new AuthError({ operation: op, httpStatus: null, message: `${op}: no token: ${redact(message, [])}` });
    }
    // Visible ASCII only: anything else cannot travel in a header, and the HTTP layer would quote it in its error.
    if (typeof token !== 'string' || !/^[\x21-\x7E]+$/.test(token.trim())) {
      throw new AuthError({ operation: op, httpStatus: null, message: `${op}: no usable token (empty, or holding spaces or characters a token never has). Provide the access token from the token endpoint.` });
    }
    return token.trim();
  }

  function send(op: OperationName, token: string, body: string): Promise<RawAnswer> {
    return exchange(
      options.fetch,
      {
        operation: op,
        url: `${baseUrl}${OPERATIONS[op].path}`,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/xml',
          accept: 'application/xml',
          'cache-control': 'no-cache',
        },
        body,
        secrets: [token],
      },
      limits,
    );
  }

  return {
    baseUrl,
    async licenseInfo() {
      const { root } = await call('licenseInfo', []);
      return readLicenseInfo(requireRoot('licenseInfo', root));
    },
    async groupRegister(groupId) {
      await call('groupRegister', [['groupId', groupId]]);
    },
    async groupLicenseChange(groupId, newLicense) {
      await call('groupLicenseChange', [
        ['groupId', groupId],
        ['newLicense', newLicense],
      ]);
    },
    async firmwareList(request) {
      const { root } = await call('firmwareList', [
        ['deviceModelName', request.model],
        ['salesCode', request.salesCode],
        ['currentFirmwareVersion', emptyToUndefined(request.currentFirmwareVersion)],
        ['languageCode', emptyToUndefined(request.languageCode)],
      ]);
      return readFirmwareList(requireRoot('firmwareList', root));
    },
    async abnormalDeviceList(serials) {
      const { root } = await call('abnormalDeviceList', [['serialNumber', serials]]);
      return readAbnormalDeviceList(requireRoot('abnormalDeviceList', root));
    },
    async forceUpdate(request) {
      const { answer, root } = await call('forceUpdate', [
        ['deviceModelName', request.model],
        ['salesCode', request.salesCode],
        ['targetFirmwareVersion', request.targetFirmwareVersion],
        ['networkType', request.networkType],
        ['serialNumber', request.serials],
      ]);
      const id = readForceUpdateId(requireRoot('forceUpdate', root));
      if (!id) {
        throw new ProtocolError({
          operation: 'forceUpdate',
          problem: 'missing-element',
          httpStatus: answer.status,
          message: `forceUpdate: the server accepted the request (HTTP ${answer.status}) but sent no forceUpdateId, so the update may have started without an ID to follow it. Check the devices' state before sending again.`,
        });
      }
      return { forceUpdateId: id };
    },
    async forceUpdateSummary(forceUpdateId) {
      const { root } = await call('forceUpdateSummary', [['forceUpdateId', forceUpdateId]]);
      return readForceUpdateSummary(requireRoot('forceUpdateSummary', root));
    },
    async forceUpdateDetail(forceUpdateId) {
      const { answer, root } = await call('forceUpdateDetail', [['forceUpdateId', forceUpdateId]]);
      return readGeneric(requireRoot('forceUpdateDetail', root), answer.text);
    },
    async serverInit(request) {
      await call('serverInit', [
        ['groupId', request.groupId],
        ['deviceModelName', request.model],
        ['carrierCode', request.salesCode],
        ['targetFirmwareVersion', request.targetFirmwareVersion],
        ['deliveryStartDate', request.deliveryStartDate],
        ['deliveryEndDate', request.deliveryEndDate],
        ['dailyStartHour', request.dailyStartHour],
        ['dailyEndHour', request.dailyEndHour],
      ]);
    },
  };
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** The value the client sends: the rules' normalisation for known elements (serials one by one). */
function normalise(name: string, value: Value): Value {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return value.map((v) => normaliseElement('serialNumber', v));
  return isElementName(name) ? normaliseElement(name, value) : value;
}


function requireRoot(op: OperationName, root: XmlElement | null): XmlElement {
  if (root) return root;
  throw new ProtocolError({ operation: op, problem: 'empty', httpStatus: null, message: `${op}: the server's answer was empty.` });
}

// The E-FOTA client: one typed function per operation. Every request is normalised and checked with
// the common/efota rules first (a request Samsung would refuse never leaves the machine), written in
// the element order of the documentation's samples, sent once with the bearer token (a refusal of the
// token is retried once with a renewed one: the gateway refused it before E-FOTA saw the request),
// and the answer is read liberally into a typed result or a typed error.
import type { Clock } from '../../common/clock.ts';
import { systemClock } from '../../common/clock.ts';
import { OPERATIONS, type OperationName } from '../../common/efota/operations.ts';
import { firstError, REQUEST_ELEMENTS, validateRequest, type RequestFields } from '../../common/efota/request.ts';
import { normaliseElement } from '../../common/efota/rules.ts';
import { isElementName } from '../../common/efota/elements.ts';
import type { Finding } from '../../common/efota/finding.ts';
import { checkBaseUrl } from '../../common/efota/base-url.ts';
import { AuthError, EfotaError, FudError, ProtocolError } from './errors.ts';
import { explainFud } from './fud.ts';
import { exchange, type FetchLike, type RawAnswer } from './http.ts';
import { interpretAnswer, refusesToken } from './interpret.ts';
import { redact } from './redact.ts';
import {
  readAbnormalDeviceList,
  readFirmwareList,
  readForceUpdateDetail,
  readForceUpdateId,
  readForceUpdateSummary,
  readLicenseInfo,
} from './responses.ts';
import type { SalesCodeElement, SalesCodeElementMemory } from '../../common/efota/sales-code-names.ts';
import { neitherElementRead, otherSalesCodeElement, retryWithOtherElement, salesCodeTracker } from './sales-code-element.ts';
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
  /** which element v1 serverInit's server reads the sales code from, kept per profile (default: learnt per client) */
  readonly salesCodeMemory?: SalesCodeElementMemory;
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
  const salesCode = salesCodeTracker(options.salesCodeMemory);

  /** Normalises, checks, sends and interprets one call; returns the checked success answer. */
  async function call(
    op: OperationName,
    given: ReadonlyArray<readonly [string, Value]>,
    how: { readonly sendAs?: Readonly<Record<string, string>>; readonly quiet?: boolean } = {},
  ): Promise<{ answer: RawAnswer; root: XmlElement | null }> {
    const spec = OPERATIONS[op];
    const fields = inSampleOrder(op, [
      ['mdmId', options.identity.mdmId],
      ['customerId', options.identity.customerId],
      ['license', options.identity.license],
      ...given,
    ]);
    const normalised = fields.map(([name, value]) => [name, normalise(name, value)] as const);
    const record: Record<string, Value> = {};
    for (const [name, value] of normalised) if (value !== undefined) record[name] = value;
    const findings = validateRequest(op, record as RequestFields, clock);
    if (!how.quiet) options.onFindings?.(op, findings);
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
    const xmlFields: XmlFields = normalised.flatMap(([checked, value]): XmlFields => {
      if (value === undefined) return [];
      const name = how.sendAs?.[checked] ?? checked;
      if (typeof value === 'string') return [[name, value]];
      return [[name === 'serialNumber' ? 'deviceList' : name, { item: name, values: value }]];
    });
    const body = buildXml(spec.requestRoot, xmlFields);

    const first = await obtain(op, () => options.tokens.getToken());
    const used = [first];
    let answer = await send(op, first, body);
    // A refused token (401, or a gateway's JSON complaint about it on 400/403) is the gateway's answer,
    // given before E-FOTA (which speaks XML) sees the request: resending once, even a state-changing
    // call, cannot do it twice.
    if (refusesToken(answer) && options.tokens.renew) {
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
      return readForceUpdateDetail(requireRoot('forceUpdateDetail', root), answer.text);
    },
    async serverInit(request) {
      const fields: ReadonlyArray<readonly [string, Value]> = [
        ['groupId', request.groupId],
        ['deviceModelName', request.model],
        ['carrierCode', request.salesCode],
        ['targetFirmwareVersion', request.targetFirmwareVersion],
        ['deliveryStartDate', request.deliveryStartDate],
        ['deliveryEndDate', request.deliveryEndDate],
        ['dailyStartHour', request.dailyStartHour],
        ['dailyEndHour', request.dailyEndHour],
      ];
      // The rules check the value as carrierCode whichever name it travels under.
      const send = (element: SalesCodeElement, quiet: boolean) => call('serverInit', fields, { sendAs: { carrierCode: element }, quiet });
      const first = await salesCode.first();
      try {
        await send(first, false);
        await salesCode.learnt(first);
        return;
      } catch (error) {
        await salesCode.afterFailure(first, error);
        if (!retryWithOtherElement(error, first)) throw error;
      }
      // Resending a state-changing call is safe here, and only here: FUD_1007 is a parameter error,
      // which E-FOTA gives while reading the request, before any business rule runs (docs/efota-api.md §2.0,
      // Appendix B), and our value already passed the 1–20-character rule, so the only cause left is
      // "element absent": the server reads the other name and scheduled nothing. One resend, never more.
      const other = otherSalesCodeElement(first);
      try {
        await send(other, true);
      } catch (error) {
        await salesCode.afterFailure(other, error);
        throw retryWithOtherElement(error, other) ? neitherElementRead(error as FudError) : error;
      }
      await salesCode.learnt(other);
    },
  };
}

/** The fields in the element order of the documentation's samples (common/efota REQUEST_ELEMENTS). */
function inSampleOrder(op: OperationName, fields: ReadonlyArray<readonly [string, Value]>): Array<readonly [string, Value]> {
  const order = REQUEST_ELEMENTS[op].map((e) => e.element as string);
  const rank = (name: string): number => {
    const at = order.indexOf(name);
    return at === -1 ? order.length : at;
  };
  return [...fields].sort((a, b) => rank(a[0]) - rank(b[0]));
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

// One HTTP request through the simulator: route → faults before reading → body → latency → 429 →
// bearer → XML → element rules → business rules → 5xx fault → commit → after-commit faults.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../../common/clock.ts';
import { readBody } from './body.ts';
import type { Handler, SimContext } from './business.ts';
import type { CallRecord } from './calls.ts';
import { errorBody, FudError } from './errors.ts';
import type { FaultBox, FaultKind } from './faults.ts';
import { abnormalDeviceList } from './handlers/devices.ts';
import { firmwareList } from './handlers/firmware.ts';
import { forceUpdate, forceUpdateDetail, forceUpdateSummary } from './handlers/force-update.ts';
import { groupLicenseChange, groupRegister } from './handlers/groups.ts';
import { licenseInfo } from './handlers/license.ts';
import { serverInit } from './handlers/server-init.ts';
import { bearerAccepted, MISSING_TOKEN, tokenAnswer, UNAUTHORIZED, type JsonAnswer } from './oauth.ts';
import { ROUTES, TOKEN_ENDPOINT, V2_SERVER_INIT_ALIAS, type SimOperation, type SimRoute } from './operations.ts';
import { checkElements } from './rules.ts';
import type { TenantState } from './state.ts';
import type { SimulatorSwitches } from './switches.ts';
import type { TokenStore } from './tokens.ts';
import { MalformedRequest, parseRequestXml } from './xml.ts';

const HANDLERS: Readonly<Record<SimOperation, Handler>> = {
  groupRegister,
  serviceregister: groupRegister,
  groupLicenseChange,
  licenseInfo,
  abnormalDeviceList,
  firmwareList,
  forceUpdate,
  forceUpdateSummary,
  forceUpdateDetail,
  serverInit,
};

/** What the request listener works on (all live objects: changes apply to the next request). */
export interface ServerDeps {
  readonly state: TenantState;
  readonly tokens: TokenStore;
  readonly faults: FaultBox;
  readonly switches: SimulatorSwitches;
  readonly clock: Clock;
  readonly calls: CallRecord[];
  readonly maxBodyBytes: number;
  /** called with unexpected errors (a bug in the simulator), never with a client's mistake */
  readonly onInternalError: (error: unknown) => void;
}

type Answer = { status: number; headers?: Record<string, string>; body: string | null; contentType?: string };

function send(res: ServerResponse, answer: Answer): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { ...(answer.headers ?? {}) };
  if (answer.body !== null) headers['Content-Type'] = answer.contentType ?? 'application/xml';
  headers['Content-Length'] = String(answer.body === null ? 0 : Buffer.byteLength(answer.body));
  res.writeHead(answer.status, headers);
  res.end(answer.body ?? undefined);
}

const json = (a: JsonAnswer, headers: Record<string, string> = {}): Answer => ({ status: a.status, body: JSON.stringify(a.body), contentType: 'application/json', headers: { 'Cache-Control': 'no-store', ...headers } });

/** Cuts the connection without an answer; a TCP reset where the platform allows it. */
function cut(socket: Socket): void {
  const s = socket as Socket & { resetAndDestroy?: () => void };
  try {
    if (typeof s.resetAndDestroy === 'function' && (s as unknown as { _handle?: unknown })._handle) s.resetAndDestroy();
    else s.destroy();
  } catch {
    s.destroy();
  }
}

function routeOf(path: string, switches: SimulatorSwitches): SimRoute | undefined {
  const found = ROUTES.get(path);
  if (found) return found;
  if (path === V2_SERVER_INIT_ALIAS && switches.v2ServerInitAlias) return { operation: 'serverInit', version: 'v1', roots: ['B2bServerInitVO'], changesState: true };
  return undefined;
}

/** The listener behind the HTTPS server. */
export function requestListener(deps: ServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(deps, req, res).catch((error: unknown) => {
      deps.onInternalError(error);
      const fallback = new FudError('FUD_9003');
      send(res, { status: fallback.status, body: errorBody(fallback.code, 'v2', false) });
    });
  };
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { faults, switches } = deps;
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const isToken = path === TOKEN_ENDPOINT;
  const route = isToken ? undefined : routeOf(path, switches);
  if (req.method !== 'POST' || (!isToken && !route)) {
    req.resume();
    // Layer7-style gateways answer a wrong URL with this non-JSON text (docs/efota-api.md §3).
    send(res, { status: 404, body: 'Policy Falsified', contentType: 'text/plain' });
    return;
  }
  const operation: SimOperation | 'token' = route ? route.operation : 'token';
  const scripted: FaultKind | null = faults.takeScripted(operation);
  if (scripted === 'reset-before-read' || (scripted === null && faults.rollBeforeRead(operation))) {
    cut(req.socket);
    return;
  }
  const body = await readBody(req, deps.maxBodyBytes);
  if (body.kind === 'aborted') return;
  if (faults.settings.latencyMs > 0) await sleep(faults.settings.latencyMs);
  if (scripted === 'rate-limit' || (scripted === null && faults.rollRateLimit(operation))) {
    send(res, json({ status: 429, body: { error: 'too_many_requests', error_description: 'Rate limit exceeded' } }, { 'Retry-After': String(faults.settings.retryAfterSeconds) }));
    return;
  }
  if (isToken || !route) {
    send(res, json(body.kind === 'ok' ? tokenAnswer(req.headers, body.text, deps.tokens, switches.tokenBasicAuth) : { status: 400, body: { error: 'invalid_request', error_description: 'Request too large' } }));
    return;
  }
  if (req.headers.authorization === undefined && switches.missingAuthorization === 'missing-access-token') {
    send(res, json(MISSING_TOKEN, { 'WWW-Authenticate': 'Bearer' }));
    return;
  }
  if (faults.settings.revokeTokens || !bearerAccepted(req.headers.authorization, deps.tokens, switches.bearerCaseInsensitive)) {
    send(res, json(UNAUTHORIZED, { 'WWW-Authenticate': 'Bearer' }));
    return;
  }
  const fail = (error: FudError | MalformedRequest): void => {
    if (error instanceof FudError) send(res, { status: error.status, body: errorBody(error.code, route.version, switches.errorMessageText) });
    else send(res, { status: 400, body: errorBody(switches.malformedRequest === 'FUD_1001' ? 'FUD_1001' : null, route.version, switches.errorMessageText), headers: body.kind === 'too-large' ? { Connection: 'close' } : {} });
  };
  let prepared;
  try {
    if (body.kind === 'too-large') throw new MalformedRequest(`body larger than ${deps.maxBodyBytes} bytes`);
    const type = (req.headers['content-type'] ?? '').toLowerCase();
    if (switches.contentType === 'require-xml' && !/^(application|text)\/xml\b/.test(type)) throw new MalformedRequest(`Content-Type ${type || '(none)'} is not XML`);
    const parsed = parseRequestXml(body.text);
    const roots = route.operation === 'abnormalDeviceList' && !switches.acceptDeviceUpdateStatusRoot ? route.roots.slice(0, 1) : route.roots;
    if (!roots.includes(parsed.root)) throw new MalformedRequest(`root <${parsed.root}> is not ${roots.join(' or ')}`);
    const checked = checkElements(route.operation, parsed, switches);
    const ctx: SimContext = { state: deps.state, switches, clock: deps.clock };
    prepared = HANDLERS[route.operation](checked, ctx);
  } catch (error) {
    if (error instanceof FudError || error instanceof MalformedRequest) {
      fail(error);
      return;
    }
    throw error;
  }
  // Appendix B step 7: the service error comes after every check and before anything changes.
  if (scripted === 'server-error' || (scripted === null && faults.rollServerError(route.operation))) {
    fail(new FudError(faults.serverErrorCode()));
    return;
  }
  const committed = prepared.commit();
  let broken: 'reset-after-commit' | 'server-error-after-commit' | null = null;
  if (scripted === 'reset-after-commit' || scripted === 'server-error-after-commit') broken = scripted;
  else if (scripted === null && faults.rollAfterCommit(route.operation)) broken = faults.settings.afterCommitMode === 'reset' ? 'reset-after-commit' : 'server-error-after-commit';
  deps.calls.push({ ...committed.details, seq: deps.calls.length + 1, operation: route.operation, path, at: deps.clock.now(), outcome: broken ?? 'ok', broken: broken !== null });
  if (faults.settings.afterCommitDelayMs > 0) await sleep(faults.settings.afterCommitDelayMs);
  if (broken === 'reset-after-commit') {
    cut(req.socket);
    return;
  }
  if (broken === 'server-error-after-commit') {
    fail(new FudError('FUD_9003'));
    return;
  }
  send(res, { status: 200, body: committed.body });
}

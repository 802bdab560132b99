// The handler table: one handler per contract channel, shared by every transport (web mode now,
// Electron's ipcMain later). Each handler checks its payload at run time before a service sees it
// and answers with a Result: expected failures travel as `{ code, message }` data, never as throws.
// No `electron` here: the transports adapt this table.
import {
  CONCURRENCY_RANGE,
  ok,
  type BatchCreateRequest,
  type BatchDetailsChange,
  type DeviceInput,
  type GroupSetting,
  type IncludeOpen,
  type IncludeOpenRequest,
  type SourceInput,
  type TestControlsChange,
  type InvokeChannel,
  type InvokeRequest,
  type InvokeResponse,
  type ProfileInput,
  type Result,
} from '../../common/contract.ts';
import type { ElementName } from '../../common/efota/elements.ts';
import { checkElement } from '../../common/efota/rules.ts';
import { normaliseModel, normaliseSalesCode, normaliseSerial } from '../../common/efota/normalise.ts';
import { BATCH_ID_PATTERN, MAX_BATCH_DEVICES, MAX_BATCH_NAME } from '../../common/batch/parse.ts';
import { MAX_HANDOFF_BYTES } from '../../common/batch/handoff.ts';
import type { Pilot } from '../../common/batch/model.ts';
import { MAX_TEST_LATENCY_MS } from '../services/test-controls.ts';
import { checkBaseUrl } from '../../common/efota/base-url.ts';
import type { AppServices } from '../services/app-services.ts';
import { toContractError } from './errors.ts';
import { bool, int, InvalidInputError, list, none, nullable, obj, oneOf, partial, str, validate, type Check } from './validate.ts';

/** One channel's handler: an untrusted payload in, a Result out; it never rejects. */
export type Handler<K extends InvokeChannel> = (payload: unknown) => Promise<Result<InvokeResponse<K>>>;

/** The handler of every invoke channel. */
export type HandlerTable = { readonly [K in InvokeChannel]: Handler<K> };

/** Most serials one enrolment check takes (100 calls of 100). */
export const MAX_ENROLMENT_SERIALS = 10_000;

function handler<K extends InvokeChannel>(check: Check<InvokeRequest<K>>, run: (request: InvokeRequest<K>) => Promise<InvokeResponse<K>>): Handler<K> {
  return async (payload) => {
    try {
      return ok(await run(validate(check, payload)));
    } catch (error) {
      return { ok: false, error: toContractError(error) };
    }
  };
}

/** An E-FOTA element value, refused when Samsung would refuse it (same rule and message as the client). */
function element(name: ElementName): Check<string> {
  const text = str({ max: 1_000, min: 1 });
  return (value, path) => {
    const given = text(value, path);
    const error = checkElement(name, given).find((f) => f.severity === 'error');
    if (error) throw new InvalidInputError(path, error.message, error.message);
    return given;
  };
}

const baseUrl: Check<string> = (value, path) => {
  const given = str({ min: 1, max: 2_000 })(value, path);
  const checked = checkBaseUrl(given);
  if (!checked.ok) throw new InvalidInputError(path, checked.message, checked.message);
  return checked.url;
};

const id = str({ min: 1, max: 200 });
// Real client secrets are 36 characters; the bound only keeps nonsense out.
const secret = str({ min: 1, max: 1_000 });
const pem = str({ max: 256 * 1024, singleLine: false });
const note = str({ max: 500 });

const profileInput: Check<ProfileInput> = obj({
  name: str({ min: 1, max: 80 }),
  baseUrl,
  mdmId: element('mdmId'),
  customerId: element('customerId'),
  license: element('license'),
  clientId: str({ min: 1, max: 200 }),
  extraCaPem: nullable(pem),
});

const serial = str({ max: 200 });
const headerKey = str({ min: 1, max: 1024 * 1024, singleLine: false });

const columns: Check<Readonly<Record<string, number | null>>> = (value, path) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidInputError(path, 'must be an object of column numbers');
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > 32) throw new InvalidInputError(path, 'names too many roles');
  const role = str({ min: 1, max: 40 });
  const column = nullable(int(0, 255));
  return Object.fromEntries(entries.map(([key, v]) => [role(key, `${path}.${key}`), column(v, `${path}.${key}`)]));
};

const batchId: Check<string> = (value, path) => {
  const given = str({ min: 1, max: 64 })(value, path);
  if (!BATCH_ID_PATTERN.test(given)) throw new InvalidInputError(path, 'is not a batch id (letters, digits and hyphens)');
  return given;
};

/** A device from the import Worker: normalised again and checked with Samsung's element rules. */
const device: Check<DeviceInput> = (value, path) => {
  const d = obj({ serial: str({ min: 1, max: 100 }), model: str({ min: 1, max: 100 }), salesCode: str({ min: 1, max: 100 }), imei: nullable(str({ max: 100 })), row: nullable(int(0, 10_000_000)) })(value, path);
  const checked = { serial: normaliseSerial(d.serial), model: normaliseModel(d.model), salesCode: normaliseSalesCode(d.salesCode) };
  for (const [key, element] of [['serial', 'serialNumber'], ['model', 'deviceModelName'], ['salesCode', 'salesCode']] as const) {
    const error = checkElement(element, checked[key]).find((f) => f.severity === 'error');
    if (error) throw new InvalidInputError(`${path}.${key}`, error.message, `${path}.${key}${d.row !== null ? ` (row ${d.row})` : ''}: ${error.message}`);
  }
  return { ...checked, imei: d.imei === null || d.imei.trim() === '' ? null : d.imei.trim(), row: d.row };
};

const sha256: Check<string> = (value, path) => {
  const given = str({ min: 64, max: 64 })(value, path);
  if (!/^[0-9a-f]{64}$/.test(given)) throw new InvalidInputError(path, 'must be a SHA-256 in lower-case hex');
  return given;
};

const fileName = str({ min: 1, max: 1024 });
const source: Check<SourceInput> = obj({ fileName, sha256, devices: list(device, MAX_BATCH_DEVICES) });
const network = oneOf(['WIFIONLY', 'ANY'] as const);

const createRequest: Check<BatchCreateRequest> = (value, path) => {
  const r = obj({ name: str({ min: 1, max: MAX_BATCH_NAME }), notes: str({ max: 10_000, singleLine: false }), sources: list(source, 100), target: element('targetFirmwareVersion'), network })(value, path);
  const total = r.sources.reduce((n, s) => n + s.devices.length, 0);
  if (total === 0) throw new InvalidInputError(`${path === '' ? '' : `${path}.`}sources`, 'hold no device', 'The import has no valid device to put in a batch.');
  if (total > MAX_BATCH_DEVICES) throw new InvalidInputError('sources', `hold ${total} devices; a batch takes at most ${MAX_BATCH_DEVICES}`);
  if (r.name.trim() === '') throw new InvalidInputError('name', 'must not be blank');
  return r;
};

const groupSetting: Check<GroupSetting> = obj({
  key: str({ min: 3, max: 210 }),
  target: element('targetFirmwareVersion'),
  network,
  schedule: nullable(
    obj({
      groupId: element('groupId'),
      window: obj({ startDate: element('deliveryStartDate'), endDate: element('deliveryEndDate'), startHour: element('dailyStartHour'), endHour: element('dailyEndHour') }),
    }),
  ),
});

const pilot: Check<Pilot | null> = (value, path) => {
  if (value === null) return null;
  const kind = (value as { kind?: unknown } | undefined)?.kind;
  if (kind === 'firstCallPerGroup') return obj({ kind: oneOf(['firstCallPerGroup'] as const) })(value, path);
  return obj({ kind: oneOf(['devices'] as const), count: int(1, MAX_BATCH_DEVICES) })(value, path);
};

const details: Check<BatchDetailsChange> = (value, path) => {
  const r = obj({ name: str({ min: 1, max: MAX_BATCH_NAME }), notes: str({ max: 10_000, singleLine: false }), pilot })(value, path);
  if (r.name.trim() === '') throw new InvalidInputError(`${path}.name`, 'must not be blank');
  return r;
};

const callId = str({ min: 1, max: 300 });
const callIds = list(callId, 10_000);

const includeOpen: Check<IncludeOpen> = obj({ all: bool, serials: list(serial, MAX_BATCH_DEVICES) });
const includeOpenRequest: Check<IncludeOpenRequest> = obj({ all: bool, serials: list(serial, MAX_BATCH_DEVICES), typedCount: nullable(int(0, MAX_BATCH_DEVICES)) });

/** `{ <required>, include? }`: the requests that may name devices with an open push to send anyway. */
function withInclude<S extends Record<string, Check<unknown>>, I>(required: S, include: Check<I>): Check<{ [K in keyof S]: S[K] extends Check<infer T> ? T : never } & { include?: I }> {
  return (value, path) => {
    const given = partial({ ...required, include })(value, path) as Record<string, unknown>;
    for (const key of Object.keys(required)) if (!Object.hasOwn(given, key)) throw new InvalidInputError(key, 'is missing');
    return given as { [K in keyof S]: S[K] extends Check<infer T> ? T : never } & { include?: I };
  };
}

const testControls: Check<TestControlsChange> = obj({
  latencyMs: nullable(int(0, MAX_TEST_LATENCY_MS)),
  advanceMinutes: nullable(int(0, 60 * 24 * 120)),
  forceUpdateFaults: nullable(list(oneOf(['none', 'reset-after-commit', 'server-error-after-commit', 'reset-before-read'] as const), 100)),
});

/** Builds the handler table over the services. */
export function createHandlers(services: AppServices): HandlerTable {
  const { profiles, groups } = services;
  return {
    'app:info': handler(none, async () => services.info()),

    'profiles:list': handler(none, () => profiles.list()),
    'profiles:save': handler(obj({ id: nullable(id), profile: profileInput, secret: nullable(secret), activate: bool }), (r) =>
      profiles.save(r.id, r.profile, r.secret, r.activate),
    ),
    'profiles:delete': handler(obj({ id }), (r) => profiles.remove(r.id)),
    'profiles:activate': handler(obj({ id }), (r) => profiles.activate(r.id)),
    'profiles:setSecret': handler(obj({ id, secret }), (r) => profiles.setSecret(r.id, r.secret)),
    'profiles:dismissNotices': handler(none, () => profiles.dismissNotices()),
    'profiles:test': handler(obj({ id }), (r) => profiles.test(r.id)),
    'profiles:testDraft': handler(obj({ id: nullable(id), profile: profileInput, secret: nullable(secret) }), (r) =>
      profiles.testDraft(r.id, r.profile, r.secret),
    ),

    'practice:reset': handler(none, () => services.practice.reset()),
    'status:get': handler(none, () => services.status.get()),
    'licence:get': handler(obj({ refresh: bool }), (r) => services.licence.get(r.refresh)),

    'groups:list': handler(none, () => groups.list()),
    'groups:register': handler(obj({ groupId: element('groupId'), note }), (r) => groups.register(r.groupId, r.note)),
    'groups:add': handler(obj({ groupId: element('groupId'), license: nullable(element('license')), note }), (r) =>
      groups.add(r.groupId, r.license, r.note),
    ),
    'groups:forget': handler(obj({ groupId: element('groupId') }), (r) => groups.forget(r.groupId)),
    'groups:changeLicence': handler(obj({ groupId: element('groupId'), newLicense: element('newLicense') }), (r) =>
      groups.changeLicence(r.groupId, r.newLicense),
    ),

    'devices:checkEnrolment': handler(obj({ serials: list(serial, MAX_ENROLMENT_SERIALS) }), (r) => services.devices.checkEnrolment(r.serials)),

    'preferences:get': handler(none, () => services.preferences.get()),
    'preferences:update': handler(
      partial({ concurrency: int(CONCURRENCY_RANGE.min, CONCURRENCY_RANGE.max), exportDelimiter: oneOf([',', ';', '\t'] as const), welcomeDone: bool }),
      (r) => services.preferences.update(r),
    ),

    'import:getMapping': handler(obj({ headerKey }), (r) => services.importMappings.get(r.headerKey)),
    'import:saveMapping': handler(obj({ headerKey, columns }), (r) => services.importMappings.save(r.headerKey, r.columns)),

    'batches:list': handler(none, () => services.batches.list()),
    'batches:get': handler(obj({ id: batchId }), (r) => services.batches.get(r.id)),
    'batches:create': handler(createRequest, (r) => services.batches.create(r)),
    'batches:setGroup': handler(obj({ id: batchId, group: groupSetting }), (r) => services.batches.setGroup(r.id, r.group)),
    'batches:setDetails': handler(obj({ id: batchId, details }), (r) => services.batches.setDetails(r.id, r.details)),
    'batches:exclude': handler(obj({ id: batchId, serials: list(serial, MAX_BATCH_DEVICES), reason: str({ max: 200 }) }), (r) => services.batches.exclude(r.id, r.serials, r.reason)),
    'batches:takeBack': handler(obj({ id: batchId, serials: list(serial, MAX_BATCH_DEVICES) }), (r) => services.batches.takeBack(r.id, r.serials)),
    'batches:delete': handler(obj({ id: batchId }), (r) => services.batches.remove(r.id)),
    'batches:firmware': handler(obj({ model: element('deviceModelName'), salesCode: element('salesCode'), refresh: bool }), (r) =>
      services.batches.firmware(normaliseModel(r.model), normaliseSalesCode(r.salesCode), r.refresh),
    ),
    'batches:preview': handler(withInclude({ id: batchId, online: bool }, includeOpen), (r) => services.batches.preview(r.id, r.online, r.include ?? null)),
    'batches:export': handler(obj({ id: batchId }), (r) => services.batches.exportHandoff(r.id)),
    'batches:import': handler(obj({ fileName, text: str({ max: MAX_HANDOFF_BYTES, singleLine: false, fileContent: true }) }), (r) => services.batches.importHandoff(r.fileName, r.text)),

    'send:open': handler(withInclude({ batchId }, includeOpenRequest), (r) => services.send.open(r.batchId, r.include ?? null)),
    'send:get': handler(obj({ batchId }), (r) => services.send.get(r.batchId)),
    'send:start': handler(obj({ batchId, pinLatest: bool, typedCount: nullable(int(0, MAX_BATCH_DEVICES)) }), (r) => services.send.start(r)),
    'send:pause': handler(obj({ batchId }), (r) => services.send.pause(r.batchId)),
    'send:resume': handler(obj({ batchId }), (r) => services.send.resume(r.batchId)),
    'send:cancel': handler(obj({ batchId }), (r) => services.send.cancel(r.batchId)),
    'send:continuePilot': handler(obj({ batchId }), (r) => services.send.continuePilot(r.batchId)),
    'send:resend': handler(obj({ batchId, callIds }), (r) => services.send.resend(r.batchId, r.callIds)),
    'send:leave': handler(obj({ batchId, callIds }), (r) => services.send.leave(r.batchId, r.callIds)),
    'send:replan': handler(obj({ batchId, callId }), (r) => services.send.replan(r.batchId, r.callId)),
    'send:close': handler(obj({ batchId }), (r) => services.send.close(r.batchId)),
    'send:repair': handler(obj({ batchId }), (r) => services.send.repair(r.batchId)),

    'history:list': handler(none, () => services.history.list()),
    'history:get': handler(obj({ batchId }), (r) => services.history.get(r.batchId)),
    'history:refresh': handler(obj({ batchId: nullable(batchId) }), (r) => services.history.refresh(r.batchId)),
    'history:search': handler(obj({ serial: str({ min: 1, max: 200 }) }), (r) => services.history.search(r.serial)),
    'history:export': handler(obj({ batchId }), (r) => services.history.exportCsv(r.batchId)),
    'history:retry': handler(obj({ batchId, from: oneOf(['failed', 'unknown', 'not-downloaded'] as const), days: int(0, 90), name: str({ min: 1, max: MAX_BATCH_NAME }) }), (r) =>
      services.history.retry(r.batchId, r.from, r.days, r.name.trim()),
    ),
    'diagnostics:get': handler(none, () => services.history.diagnostics()),

    'network:selfTest': handler(obj({ id }), (r) => services.network.selfTest(r.id)),
    'practice:testControls': handler(testControls, (r) => services.testControls.change(r)),
    'shell:pendingRequests': handler(none, async () => services.shell.pendingRequests()),
  };
}

/** Calls the handler of `channel` (a name from outside: unknown names get an INVALID_INPUT result). */
export async function dispatch(table: HandlerTable, channel: string, payload: unknown): Promise<Result<unknown>> {
  if (!Object.hasOwn(table, channel)) {
    return { ok: false, error: { code: 'INVALID_INPUT', message: `There is no channel "${channel.slice(0, 100)}".`, remedy: null } };
  }
  return (table as Record<string, (payload: unknown) => Promise<Result<unknown>>>)[channel]!(payload);
}

// The handler table: one handler per contract channel, shared by every transport (web mode now,
// Electron's ipcMain later). Each handler checks its payload at run time before a service sees it
// and answers with a Result: expected failures travel as `{ code, message }` data, never as throws.
// No `electron` here: the transports adapt this table.
import {
  CONCURRENCY_RANGE,
  ok,
  type InvokeChannel,
  type InvokeRequest,
  type InvokeResponse,
  type ProfileInput,
  type Result,
} from '../../common/contract.ts';
import type { ElementName } from '../../common/efota/elements.ts';
import { checkElement } from '../../common/efota/rules.ts';
import { checkBaseUrl } from '../efota/base-url.ts';
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
  };
}

/** Calls the handler of `channel` (a name from outside: unknown names get an INVALID_INPUT result). */
export async function dispatch(table: HandlerTable, channel: string, payload: unknown): Promise<Result<unknown>> {
  if (!Object.hasOwn(table, channel)) {
    return { ok: false, error: { code: 'INVALID_INPUT', message: `There is no channel "${channel.slice(0, 100)}".`, remedy: null } };
  }
  return (table as Record<string, (payload: unknown) => Promise<Result<unknown>>>)[channel]!(payload);
}

// The one classifier of expected failures. Every error a service, the store, the client or the
// sender throws is sorted here into a kind, with a message that suits every surface (no CLI advice,
// no button names), a surface-neutral remedy when there is one, and the facts a surface needs to
// word its own advice. Two renderers turn a kind into what their surface says: the contract error
// (main/services/contract-error.ts: the window, web mode) and the exit code and text of the CLI
// (main/cli/failure.ts). A kind maps to one contract code and one exit code, in those renderers'
// tables, so the window and `fota` can never disagree about what a failure is.
import { NotFinishableError } from '../batches/practice-finish.ts';
import { KeychainUnavailableError } from '../auth/keychain-unavailable.ts';
import { NotLoggedInError } from '../auth/profile-connection.ts';
import { SecretInputError } from '../auth/secret-input.ts';
import { EfotaError, FudError, ProtocolError, TransportError } from '../efota/errors.ts';
import { JournalDamagedError } from '../batches/journal.ts';
import { BatchLockedError } from '../batches/lock.ts';
import { SendActionError } from '../batches/send-session.ts';
import { TenantMismatchError } from '../batches/batch-sender.ts';
import { BatchIdTakenError, BatchNameTakenError, BatchNotFoundError } from '../store/batches/batch-store.ts';
import { LockTimeoutError } from '../store/file-lock.ts';
import { HistoryTooNewError } from '../store/history/history-store.ts';
import { ProfileInputError } from '../store/profile-schema.ts';
import { ProfileNotFoundError } from '../store/profiles.ts';
import { SettingsUnreadableError } from '../store/settings-file.ts';
import { SettingsTooNewError } from '../store/settings-migrations.ts';
import { asStorageError } from '../store/storage-error.ts';
import type { AppErrorCode, ErrorCode } from '../../common/contract.ts';
import { SendRefusedError } from './send-flow.ts';
import { ServiceError } from './service-error.ts';

/** Every kind of failure FOTA Desk expects; anything else is `internal` (a bug). */
export const ERROR_KINDS = [
  /** a bad flag, payload, file or value; a name already taken */
  'invalid-input',
  /** the batch, profile, group… named does not exist */
  'not-found',
  /** the action is not possible for this item now (a send open, another tenant, nothing to send) */
  'not-allowed',
  /** the service behind a channel is not there (yet) */
  'not-available',
  /** a file was written by a newer FOTA Desk; nothing was changed */
  'too-new',
  /** the settings file exists but the OS refused to read it */
  'unreadable',
  /** a local file was unreadable and has been moved aside */
  'corrupt',
  /** refused before sending: Samsung would answer this FUD code; nothing was sent */
  'refused-before-sending',
  /** Samsung answered a FUD code */
  'fud',
  /** Samsung (or the token endpoint) refused the credentials, or no token was given */
  'auth',
  /** the profile has no client id or client secret stored */
  'no-credentials',
  /** the OS keychain cannot be used; nothing was stored anywhere else */
  'keychain',
  /** the call did not complete (DNS, refused, TLS, timeout, reset, 429, 5xx) */
  'network',
  /** the server answered with something that is not what the operation returns */
  'protocol',
  /** another window or `fota` command holds the lock */
  'busy',
  /** a file could not be written (disk full, read-only, no permission) */
  'storage',
  /** a send journal is damaged; nothing more of its batch is sent until it is repaired */
  'journal-damaged',
  /** a bug */
  'internal',
] as const;

/** One kind of failure. */
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** What the classifier makes of an error. */
export interface ClassifiedError {
  readonly kind: ErrorKind;
  /** what went wrong, in words that fit every surface */
  readonly message: string;
  /** what to do, when the words fit every surface; a renderer may word its own per kind */
  readonly remedy: string | null;
  /** facts a renderer needs for its own words and for `--json` (never a secret) */
  readonly data: ErrorData;
}

/** The facts of a classified error, by what they are about. */
export interface ErrorData {
  /** the E-FOTA client's own safe JSON form (fud, auth, network, protocol) */
  readonly efota?: Record<string, unknown>;
  /** Samsung's answer (or the one it would give), for `fud` and `refused-before-sending` */
  readonly fud?: {
    readonly code: string;
    /** the catalogue's cause */
    readonly cause: string;
    readonly httpStatus: number | null;
    readonly serverMessage: string | null;
    /** the findings that made a local refusal */
    readonly findings: readonly string[];
  };
  /** a ServiceError's own contract code: the service worded message and remedy for every surface */
  readonly contractCode?: ErrorCode;
  /** the profile named, for `no-credentials` and a missing profile */
  readonly profile?: string;
  /** what `no-credentials` lacks */
  readonly missing?: 'client id' | 'client secret';
  /** the batch concerned (a damaged journal, a lock, a missing batch) */
  readonly batchId?: string;
  /** what a missing item is */
  readonly missingItem?: 'batch' | 'profile';
  /** for a missing batch: whether any batch exists at all */
  readonly noBatches?: boolean;
  /** a damaged journal: its first sentences, and what a repair does (the message holds both) */
  readonly journal?: { readonly damage: string; readonly repair: string };
  /** a storage failure: the errno code, the folder and what was kept */
  readonly storage?: { readonly code: string; readonly folder: string; readonly kept: string };
  /** several problems of one input, one line each */
  readonly problems?: readonly string[];
  /** why an action is not allowed, when a surface words advice for it */
  readonly refusal?: 'tenant-mismatch' | 'send-action' | 'send-refused';
  /** the error's class name (a batch send's `--json` names it) */
  readonly errorName?: string;
  /** for `internal`: true when the error was not recognised at all (as opposed to a known bug) */
  readonly unexpected?: boolean;
}

/**
 * An error that says its own kind: the errors of the layers above services (the contract's
 * payload checks, the CLI's flag errors) that the classifier may not import.
 */
export abstract class KindedError extends Error {
  abstract readonly kind: ErrorKind;
  /** facts for the renderers */
  readonly data: ErrorData = {};
}

// A ServiceError carries the contract code a service chose; the kind is read back from it.
const KIND_OF_CODE: Record<AppErrorCode, ErrorKind> = {
  INVALID_INPUT: 'invalid-input',
  NOT_FOUND: 'not-found',
  NOT_ALLOWED: 'not-allowed',
  NOT_AVAILABLE: 'not-available',
  NO_CREDENTIALS: 'no-credentials',
  AUTH: 'auth',
  NETWORK: 'network',
  PROTOCOL: 'protocol',
  KEYCHAIN_UNAVAILABLE: 'keychain',
  BUSY: 'busy',
  CORRUPT: 'corrupt',
  STORAGE: 'storage',
  JOURNAL_DAMAGED: 'journal-damaged',
  // Only the renderer makes this one (web mode's server is gone); from main it would be a bug.
  APP_UNREACHABLE: 'internal',
  INTERNAL: 'internal',
};

const base = (error: Error): Pick<ErrorData, 'errorName'> => ({ errorName: error.name });

/** Sorts any thrown value into a kind with its message, remedy and facts. */
export function classifyError(error: unknown): ClassifiedError {
  const known = classifyKnown(error);
  if (known) return known;
  const storage = asStorageError(error);
  if (storage) {
    return { kind: 'storage', message: storage.message, remedy: storage.remedy, data: { ...base(storage), storage: { code: storage.code, folder: storage.folder, kept: storage.kept } } };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'internal', message, remedy: null, data: { unexpected: true, ...(error instanceof Error ? base(error) : {}) } };
}

function classifyKnown(error: unknown): ClassifiedError | null {
  if (!(error instanceof Error)) return null;
  const say = (kind: ErrorKind, data: ErrorData = {}, remedy: string | null = null): ClassifiedError => ({ kind, message: error.message, remedy, data: { ...base(error), ...data } });
  if (error instanceof KindedError) return say(error.kind, error.data);
  if (error instanceof ServiceError) {
    const kind = /^FUD_\d{4}$/.test(error.code) ? 'fud' : (KIND_OF_CODE[error.code as AppErrorCode] ?? 'internal');
    return say(kind, { contractCode: error.code }, error.remedy);
  }
  if (error instanceof FudError) {
    const fud = { code: error.code, cause: error.fudCause, httpStatus: error.httpStatus, serverMessage: error.serverMessage, findings: error.findings.map((f) => f.message) };
    return say(error.local ? 'refused-before-sending' : 'fud', { efota: error.toJSON(), fud }, error.remedy);
  }
  if (error instanceof TransportError) return say('network', { efota: error.toJSON() });
  if (error instanceof ProtocolError) return say('protocol', { efota: error.toJSON() });
  // AuthError, and any other family the client may add, is about the credentials or the call.
  if (error instanceof EfotaError) return say(error.type === 'auth' ? 'auth' : 'network', { efota: error.toJSON() });
  if (error instanceof NotLoggedInError) return say('no-credentials', { profile: error.profileName, missing: error.missing });
  if (error instanceof KeychainUnavailableError) return say('keychain');
  if (error instanceof SecretInputError) return say('invalid-input');
  if (error instanceof ProfileInputError) return say('invalid-input', { problems: error.problems });
  if (error instanceof BatchNameTakenError || error instanceof BatchIdTakenError) return say('invalid-input');
  if (error instanceof BatchNotFoundError) return say('not-found', { missingItem: 'batch', noBatches: error.noBatches });
  if (error instanceof ProfileNotFoundError) return say('not-found', { missingItem: 'profile', profile: error.ref });
  if (error instanceof TenantMismatchError) return say('not-allowed', { refusal: 'tenant-mismatch' });
  if (error instanceof SendActionError) return say('not-allowed', { refusal: 'send-action' });
  if (error instanceof SendRefusedError) return say('not-allowed', { refusal: 'send-refused' });
  if (error instanceof NotFinishableError) return say('not-allowed');
  if (error instanceof SettingsTooNewError || error instanceof HistoryTooNewError) return say('too-new');
  if (error instanceof SettingsUnreadableError) return say('unreadable');
  if (error instanceof BatchLockedError) return say('busy', { batchId: error.batchId });
  if (error instanceof LockTimeoutError) return say('busy');
  if (error instanceof JournalDamagedError) return say('journal-damaged', { batchId: error.batchId, journal: { damage: error.damage, repair: error.repair } });
  return null;
}

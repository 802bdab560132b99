// Everything a service throws becomes a ContractError here, in one place: the typed E-FOTA errors
// keep their code (FUD_nnnn, AUTH, NETWORK, PROTOCOL), the keychain and lock failures keep their
// remedy, a full disk or a refused write is STORAGE (naming the folder and what was kept), and
// anything else is a bug reported as INTERNAL without its stack.
import type { ContractError } from '../../common/contract.ts';
import { KeychainUnavailableError } from '../auth/keychain-unavailable.ts';
import { NotLoggedInError } from '../auth/profile-connection.ts';
import { AuthError, FudError, ProtocolError, TransportError } from '../efota/errors.ts';
import { redact } from '../efota/redact.ts';
import { ServiceError } from '../services/service-error.ts';
import { LockTimeoutError } from '../store/file-lock.ts';
import { asStorageError } from '../store/storage-error.ts';
import { InvalidInputError } from './validate.ts';
import { BatchIdTakenError, BatchNameTakenError, BatchNotFoundError } from '../store/batches/batch-store.ts';
import { BatchLockedError } from '../batches/lock.ts';
import { JournalDamagedError } from '../batches/journal.ts';
import { SendActionError } from '../batches/send-session.ts';
import { TenantMismatchError } from '../batches/batch-sender.ts';
import { SendRefusedError } from '../services/send-flow.ts';

const AUTH_REMEDY =
  'Check the client ID and replace the client secret in Settings › Profiles (the REST API key from Samsung Knox; development keys expire after a year).';
const NETWORK_REMEDY =
  'Check the network connection, a proxy (HTTPS_PROXY) or the profile’s extra CA, then try again. Work that needs no call to Samsung goes on offline.';

/** The ContractError for anything a handler's service threw. */
export function toContractError(error: unknown): ContractError {
  if (error instanceof ServiceError) return { code: error.code, message: error.message, remedy: error.remedy };
  if (error instanceof InvalidInputError) return { code: 'INVALID_INPUT', message: error.message, remedy: null };
  if (error instanceof FudError) {
    const code = /^FUD_\d{4}$/.test(error.code) ? (error.code as `FUD_${string}`) : 'PROTOCOL';
    const where = error.local ? 'Refused before sending: Samsung would answer' : 'Samsung answered';
    return { code, message: `${where} ${error.code}: ${error.fudCause}`, remedy: error.remedy };
  }
  if (error instanceof AuthError) return { code: 'AUTH', message: error.message, remedy: AUTH_REMEDY };
  if (error instanceof TransportError) return { code: 'NETWORK', message: error.message, remedy: NETWORK_REMEDY };
  if (error instanceof ProtocolError) {
    return { code: 'PROTOCOL', message: error.message, remedy: 'Check the profile’s base URL; if it is right, Samsung’s service may be changing or failing. Try again later.' };
  }
  if (error instanceof NotLoggedInError) {
    return {
      code: 'NO_CREDENTIALS',
      message: error.message.replace(/ Run: fota login.*$/, ''),
      remedy: 'Enter the client ID and client secret in Settings › Profiles › Edit (or run `fota login`).',
    };
  }
  if (error instanceof KeychainUnavailableError) return { code: 'KEYCHAIN_UNAVAILABLE', message: error.message, remedy: null };
  if (error instanceof BatchNotFoundError) return { code: 'NOT_FOUND', message: error.message, remedy: null };
  if (error instanceof BatchNameTakenError || error instanceof BatchIdTakenError) return { code: 'INVALID_INPUT', message: error.message, remedy: null };
  if (error instanceof BatchLockedError) return { code: 'BUSY', message: error.message, remedy: 'Wait for the other window or `fota batch send` to finish (or stop it there), then open the send again.' };
  if (error instanceof SendActionError) return { code: 'NOT_ALLOWED', message: `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}.`, remedy: null };
  if (error instanceof TenantMismatchError) return { code: 'NOT_ALLOWED', message: error.message, remedy: 'Make the matching profile active in Settings.' };
  if (error instanceof JournalDamagedError) {
    return { code: 'JOURNAL_DAMAGED', message: error.message, remedy: 'Repair the journal: every readable record is kept and calls that may have reached Samsung become unknown for you to decide.' };
  }
  if (error instanceof SendRefusedError) return { code: 'NOT_ALLOWED', message: error.message, remedy: null };
  if (error instanceof LockTimeoutError) return { code: 'BUSY', message: error.message, remedy: 'Wait for the other FOTA Desk window or `fota` command to finish, then try again.' };
  const storage = asStorageError(error);
  if (storage) return { code: 'STORAGE', message: storage.message, remedy: storage.remedy };
  // A bug: say what failed without a stack; no secret can be in it, but the token pattern is scrubbed anyway.
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { code: 'INTERNAL', message: `FOTA Desk hit an unexpected error: ${redact(text, [])}`, remedy: 'Try again; if it persists, report it with the steps that led to it.' };
}

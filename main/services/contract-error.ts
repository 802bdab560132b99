// The window's renderer of classified errors (main/services/error-kinds.ts): each kind has one
// contract code the renderer can branch on, and the remedy is worded for someone in front of the
// window (what to click), never as a `fota` command. Services use it for errors they report inside
// a view (a refresh that failed); the handler table and web mode use it for every failed call.
import type { ContractError, ErrorCode } from '../../common/contract.ts';
import { redact } from '../efota/redact.ts';
import { classifyError, type ClassifiedError, type ErrorKind } from './error-kinds.ts';

/** The contract code of each kind (a FUD kind answers with Samsung's own code instead). */
export const CONTRACT_CODE: Record<ErrorKind, ErrorCode> = {
  'invalid-input': 'INVALID_INPUT',
  'not-found': 'NOT_FOUND',
  'not-allowed': 'NOT_ALLOWED',
  'not-available': 'NOT_AVAILABLE',
  // Met by the window only at start-up (a settings or history file of a newer version, a settings
  // file it may not read); these were never given codes of their own, so they stay INTERNAL.
  'too-new': 'INTERNAL',
  unreadable: 'INTERNAL',
  corrupt: 'CORRUPT',
  'refused-before-sending': 'PROTOCOL',
  fud: 'PROTOCOL',
  auth: 'AUTH',
  'no-credentials': 'NO_CREDENTIALS',
  keychain: 'KEYCHAIN_UNAVAILABLE',
  network: 'NETWORK',
  protocol: 'PROTOCOL',
  busy: 'BUSY',
  storage: 'STORAGE',
  'journal-damaged': 'JOURNAL_DAMAGED',
  internal: 'INTERNAL',
};

const AUTH_REMEDY =
  'Check the client ID and replace the client secret in Settings › Profiles (the REST API key from Samsung Knox; development keys expire after a year).';
const NETWORK_REMEDY =
  'Check the network connection, a proxy (HTTPS_PROXY) or the profile’s extra CA, then try again. Work that needs no call to Samsung goes on offline.';

// The window's own advice per kind, where the classified remedy is missing or names no button.
const WINDOW_REMEDY: Partial<Record<ErrorKind, (c: ClassifiedError) => string | null>> = {
  auth: () => AUTH_REMEDY,
  network: () => NETWORK_REMEDY,
  protocol: () => 'Check the profile’s base URL; if it is right, Samsung’s service may be changing or failing. Try again later.',
  'no-credentials': () => 'Enter the client ID and client secret in Settings › Profiles › Edit.',
  'not-allowed': (c) => (c.data.refusal === 'tenant-mismatch' ? 'Make the matching profile active in Settings.' : c.remedy),
  busy: (c) =>
    c.data.batchId !== undefined
      ? 'Wait for the other window or command that sends this batch to finish (or stop it there), then open the send again.'
      : 'Wait for the other FOTA Desk window or `fota` command to finish, then try again.',
  'journal-damaged': () => 'Repair the journal: every readable record is kept and calls that may have reached Samsung become unknown for you to decide.',
  internal: () => 'Try again; if it persists, report it with the steps that led to it.',
};

/** The message of a classified error as the window shows it. */
function windowMessage(c: ClassifiedError): string {
  const fud = c.data.fud;
  if ((c.kind === 'fud' || c.kind === 'refused-before-sending') && fud) {
    const where = c.kind === 'refused-before-sending' ? 'Refused before sending: Samsung would answer' : 'Samsung answered';
    return `${where} ${fud.code}: ${fud.cause}`;
  }
  // The send session words its refusals as clauses (the CLI prints them after "fota batch send: ").
  if (c.data.refusal === 'send-action') return `${c.message.charAt(0).toUpperCase()}${c.message.slice(1)}.`;
  // A bug: say what failed without a stack; no secret can be in it, but the token pattern is scrubbed anyway.
  if (c.kind === 'internal') return `FOTA Desk hit an unexpected error: ${redact(c.data.errorName !== undefined ? `${c.data.errorName}: ${c.message}` : c.message, [])}`;
  return c.message;
}

/** The ContractError of a classified error. */
export function contractErrorOf(c: ClassifiedError): ContractError {
  if (c.data.contractCode !== undefined) return { code: c.data.contractCode, message: c.message, remedy: c.remedy };
  const fud = c.data.fud?.code;
  const code: ErrorCode = fud !== undefined && /^FUD_\d{4}$/.test(fud) ? (fud as `FUD_${string}`) : CONTRACT_CODE[c.kind];
  const remedy = WINDOW_REMEDY[c.kind];
  return { code, message: windowMessage(c), remedy: remedy ? remedy(c) : c.remedy };
}

/** The ContractError for anything a service threw. */
export function toContractError(error: unknown): ContractError {
  return contractErrorOf(classifyError(error));
}

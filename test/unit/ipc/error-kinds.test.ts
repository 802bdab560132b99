// One classifier, two renderers: every kind of failure has one exit code and one contract code, and
// the window's words never tell the admin to type a `fota` command.
import { describe, expect, it } from 'vitest';
import { explainFud } from '../../../main/efota/fud.ts';
import { AuthError, FudError, ProtocolError, TransportError } from '../../../main/efota/errors.ts';
import { KeychainUnavailableError } from '../../../main/auth/keychain-unavailable.ts';
import { NotLoggedInError } from '../../../main/auth/profile-connection.ts';
import { SecretInputError } from '../../../main/auth/secret-input.ts';
import { JournalDamagedError } from '../../../main/batches/journal.ts';
import { BatchLockedError } from '../../../main/batches/lock.ts';
import { SendActionError } from '../../../main/batches/send-session.ts';
import { TenantMismatchError } from '../../../main/batches/batch-sender.ts';
import { UsageError } from '../../../main/cli/command.ts';
import { NoTokenError } from '../../../main/cli/connection.ts';
import { describeFailure, EXIT_CODE } from '../../../main/cli/failure.ts';
import { loadCommands } from '../../../main/cli/registry.ts';
import { InvalidInputError } from '../../../main/ipc/validate.ts';
import { contractErrorOf, CONTRACT_CODE, toContractError } from '../../../main/services/contract-error.ts';
import { classifyError, ERROR_KINDS, type ErrorKind } from '../../../main/services/error-kinds.ts';
import { SendRefusedError } from '../../../main/services/send-flow.ts';
import { ServiceError } from '../../../main/services/service-error.ts';
import { BatchIdTakenError, BatchNameTakenError, BatchNotFoundError, InvalidBatchError } from '../../../main/store/batches/batch-store.ts';
import { LockTimeoutError } from '../../../main/store/file-lock.ts';
import { HistoryTooNewError } from '../../../main/store/history/history-store.ts';
import { ProfileInputError } from '../../../main/store/profile-schema.ts';
import { ProfileNotFoundError } from '../../../main/store/profiles.ts';
import { SettingsUnreadableError } from '../../../main/store/settings-file.ts';
import { SettingsTooNewError } from '../../../main/store/settings-migrations.ts';
import { StorageError } from '../../../main/store/storage-error.ts';

const owner = { pid: 4242, host: 'elsewhere.example', time: '2026-01-05T10:00:00.000Z', token: 't' };
const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write', path: '/data/journals/b1.jsonl' });

// [what, error, kind, exit code, contract code]
const TABLE: readonly (readonly [string, unknown, ErrorKind, number, string])[] = [
  ['a payload check', new InvalidInputError('profile.baseUrl', 'must start with https://'), 'invalid-input', 2, 'INVALID_INPUT'],
  ['a bad flag', new UsageError('--concurrency must be a whole number'), 'invalid-input', 2, 'INVALID_INPUT'],
  ['a taken batch name', new BatchNameTakenError('Pilot', 'b1'), 'invalid-input', 2, 'INVALID_INPUT'],
  ['a taken batch id', new BatchIdTakenError('b1', 'Pilot'), 'invalid-input', 2, 'INVALID_INPUT'],
  ['bad profile input', new ProfileInputError(['the name is empty', 'the MDM ID is empty']), 'invalid-input', 2, 'INVALID_INPUT'],
  ['a secret on stdin that is not one', new SecretInputError('the client secret must be a single line'), 'invalid-input', 2, 'INVALID_INPUT'],
  ['a service refusing input', new ServiceError('INVALID_INPUT', 'The name is empty.'), 'invalid-input', 2, 'INVALID_INPUT'],
  ['a missing batch', new BatchNotFoundError('Pilot', []), 'not-found', 2, 'NOT_FOUND'],
  ['a missing profile', new ProfileNotFoundError('Acme', ['Lab']), 'not-found', 2, 'NOT_FOUND'],
  ['a service not finding', new ServiceError('NOT_FOUND', 'There is no group G1.'), 'not-found', 2, 'NOT_FOUND'],
  ['a send action out of turn', new SendActionError("only 'unknown' calls can be left; c1 is accepted"), 'not-allowed', 2, 'NOT_ALLOWED'],
  ['another tenant', new TenantMismatchError('Pilot', 'C1', 'C2'), 'not-allowed', 2, 'NOT_ALLOWED'],
  ['nothing to send', new SendRefusedError('nothing', 'Nothing to send: 3 devices held back.'), 'not-allowed', 2, 'NOT_ALLOWED'],
  ['a service refusing the action', new ServiceError('NOT_ALLOWED', 'This batch has a send open.'), 'not-allowed', 2, 'NOT_ALLOWED'],
  ['a service not there', new ServiceError('NOT_AVAILABLE', 'Web mode cannot open files.'), 'not-available', 1, 'NOT_AVAILABLE'],
  ['newer settings', new SettingsTooNewError('/data/settings.json', 99), 'too-new', 2, 'INTERNAL'],
  ['a newer history', new HistoryTooNewError('/data/history/b1.json'), 'too-new', 2, 'INTERNAL'],
  ['unreadable settings', new SettingsUnreadableError('/data/settings.json', 'EACCES'), 'unreadable', 9, 'INTERNAL'],
  ['a corrupt file', new ServiceError('CORRUPT', 'The mappings file was unreadable and was moved aside.'), 'corrupt', 2, 'CORRUPT'],
  [
    'a local refusal',
    new FudError({ operation: 'forceUpdate', explanation: explainFud('FUD_3003'), httpStatus: null, local: true }),
    'refused-before-sending',
    2,
    'FUD_3003',
  ],
  ['a FUD answer', new FudError({ operation: 'groupRegister', explanation: explainFud('FUD_3019'), httpStatus: 400, local: false }), 'fud', 3, 'FUD_3019'],
  ['refused credentials', new AuthError({ operation: 'token', httpStatus: 401, message: 'invalid_client' }), 'auth', 4, 'AUTH'],
  ['no token given', new NoTokenError('no access token: give --token-stdin or FOTA_TOKEN'), 'auth', 4, 'AUTH'],
  ['no client secret', new NotLoggedInError('Acme', 'client secret'), 'no-credentials', 4, 'NO_CREDENTIALS'],
  ['no client id', new NotLoggedInError('Acme', 'client id'), 'no-credentials', 4, 'NO_CREDENTIALS'],
  ['no keychain', new KeychainUnavailableError('unavailable', 'no bus', 'linux'), 'keychain', 4, 'KEYCHAIN_UNAVAILABLE'],
  ['a refused connection', new TransportError({ operation: 'licenseInfo', kind: 'refused', mayHaveReachedServer: false, message: 'ECONNREFUSED' }), 'network', 5, 'NETWORK'],
  ['an HTML page', new ProtocolError({ operation: 'licenseInfo', problem: 'html-page', httpStatus: 200, message: 'an HTML page' }), 'protocol', 5, 'PROTOCOL'],
  ['a held file lock', new LockTimeoutError('/data/settings.lock', owner), 'busy', 8, 'BUSY'],
  ['a batch being sent elsewhere', new BatchLockedError('b1', '/data/journals/b1.lock', owner), 'busy', 8, 'BUSY'],
  ['a full disk', new StorageError('ENOSPC', '/data/journals', 'Every record before this one is kept.'), 'storage', 9, 'STORAGE'],
  ['a raw ENOSPC', enospc, 'storage', 9, 'STORAGE'],
  ['a damaged journal', new JournalDamagedError('/data/journals/b1.2026-01-05T10-00-00Z.jsonl', 'line 3 is not valid JSON'), 'journal-damaged', 2, 'JOURNAL_DAMAGED'],
  ['a bug', new TypeError('cannot read properties of undefined'), 'internal', 1, 'INTERNAL'],
  ['a known bug', new InvalidBatchError(['groups[0].target is missing']), 'internal', 1, 'INTERNAL'],
  ['a thrown string', 'boom', 'internal', 1, 'INTERNAL'],
];

describe('the error classifier and its two renderers', () => {
  it.each(TABLE)('%s: kind, exit code and contract code', (_what, error, kind, exit, contract) => {
    expect(classifyError(error).kind).toBe(kind);
    expect(describeFailure(error).exitCode).toBe(exit);
    expect(toContractError(error).code).toBe(contract);
  });

  it('has a row for every kind, and every kind an exit code and a contract code', () => {
    expect(new Set(TABLE.map((row) => row[2]))).toEqual(new Set(ERROR_KINDS));
    for (const kind of ERROR_KINDS) {
      expect(EXIT_CODE[kind], kind).toBeTypeOf('number');
      expect(CONTRACT_CODE[kind], kind).toBeTypeOf('string');
    }
  });

  it('never gives the window `fota` command advice, in the message or the remedy', async () => {
    const words = [...new Set((await loadCommands()).map((c) => c.name.split(' ')[0] ?? ''))];
    expect(words).toContain('login');
    const advice = new RegExp(`\\bfota (${words.join('|')})\\b`);
    for (const [what, error] of TABLE) {
      const shown = toContractError(error);
      expect(shown.message, what).not.toMatch(advice);
      expect(shown.remedy ?? '', what).not.toMatch(advice);
    }
  });

  it('lets the CLI say the command where the window names a button', () => {
    expect(describeFailure(new NotLoggedInError('Acme', 'client id')).text).toBe(
      `Profile 'Acme' has no client id stored. Run: fota login --profile "Acme" --client-id <id>`,
    );
    expect(toContractError(new NotLoggedInError('Acme', 'client secret'))).toEqual({
      code: 'NO_CREDENTIALS',
      message: "Profile 'Acme' has no client secret stored.",
      remedy: 'Enter the client ID and client secret in Settings › Profiles › Edit.',
    });
    const journal = new JournalDamagedError('/data/journals/b1.2026-01-05T10-00-00Z.jsonl', 'line 3 is not valid JSON');
    expect(describeFailure(journal).text).toContain("until the journal is repaired. Repair it with 'fota batch repair b1': every readable record is kept");
    expect(toContractError(journal).remedy).toMatch(/^Repair the journal/);
    expect(describeFailure(new BatchNotFoundError('Pilot', [])).text).toMatch(/no batches yet\. Create one with 'fota batch create'\.$/);
    expect(describeFailure(new ProfileNotFoundError('Acme', [])).text).toMatch(/See 'fota profile list'\.$/);
  });

  it('keeps a service’s own code and words, and words a bug without its stack', () => {
    expect(toContractError(new ServiceError('BUSY', 'A send is running.', 'Wait for it.'))).toEqual({ code: 'BUSY', message: 'A send is running.', remedy: 'Wait for it.' });
    expect(contractErrorOf(classifyError(new TypeError('x of Bearer abc.def.ghi'))).message).toBe('FOTA Desk hit an unexpected error: TypeError: x of Bearer [redacted]');
    expect(describeFailure(new TypeError('boom')).text).toBe("unexpected error: boom\nThis is a bug; please report it with 'fota diagnostics'.");
    expect(describeFailure(new TypeError('boom')).bug).toBe(true);
  });

  it('gives --json the error families scripts already branch on', () => {
    expect(describeFailure(new UsageError('bad')).json).toEqual({ type: 'usage', message: 'bad' });
    expect(describeFailure(new NotLoggedInError('Acme', 'client secret')).json).toMatchObject({ type: 'auth' });
    expect(describeFailure(new LockTimeoutError('/l', null)).json).toMatchObject({ type: 'locked' });
    expect(describeFailure(enospc).json).toMatchObject({ type: 'storage', code: 'ENOSPC', folder: '/data/journals' });
    expect(describeFailure(new AuthError({ operation: 'token', httpStatus: 401, message: 'no' })).json).toMatchObject({ type: 'auth', httpStatus: 401 });
  });
});

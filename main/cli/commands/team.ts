// `fota team connect|status|sync|disconnect`: team mode, one shared record on PostgreSQL for every
// workstation of a tenant. The local files stay the source of crash safety; the team store gets a
// copy of every record through the outbox (main/team). The password lives in the OS keychain only.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError, type Command } from '../command.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { profileContext } from '../cli-profile-connection.ts';
import { guardCommand } from '../failure.ts';
import { promptSecret, readSecretFromPipe } from '../../auth/secret-input.ts';
import { readCaFile } from './profile.ts';
import { backfillOutbox } from '../../team/backfill.ts';
import { clientConfig, parseTeamUrl, teamUrl, TeamUrlError } from '../../team/connection-options.ts';
import { openTeamStore, TeamPasswordMissingError } from '../../team/open-team-store.ts';
import { closeOutbox } from '../../store/team/outbox.ts';
import { PgTeamStore } from '../../team/pg-team-store.ts';
import { syncOutbox, syncState } from '../../team/sync.ts';
import { describeTeamFailure } from '../../team/team-errors.ts';
import { passwordOwner, readConnection, removeConnection, TeamConfigError, workstation, writeConnection } from '../../store/team/team-config.ts';

function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: O, positionals: number) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (parsed.positionals.length > positionals) throw new UsageError(`unexpected argument '${parsed.positionals[positionals] ?? ''}'`);
  return parsed;
}

// The team's expected failures: unreachable or refusing server, a newer schema, a missing password.
async function guardTeam(io: CliIo, name: string, waiting: () => number, body: () => Promise<ExitCode>): Promise<ExitCode> {
  return guardCommand(io, name, async () => {
    try {
      return await body();
    } catch (error) {
      const later = (): string => {
        const n = waiting();
        return n > 0 ? ` ${n} record(s) wait in the outbox; nothing is lost, and they go out with the next 'fota team sync'.` : '';
      };
      if (error instanceof TeamUrlError) throw new UsageError(error.message);
      if (error instanceof TeamConfigError || error instanceof TeamPasswordMissingError) {
        io.stderr(`fota ${name}: ${error.message}\n`);
        return error instanceof TeamPasswordMissingError ? EXIT.auth : EXIT.invalidInput;
      }
      const failure = describeTeamFailure(error);
      if (!failure) throw error;
      io.stderr(`fota ${name}: ${failure.message}${later()}\n`);
      return failure.kind === 'auth' ? EXIT.auth : failure.kind === 'network' ? EXIT.network : EXIT.invalidInput;
    }
  });
}

const CONNECT_HELP = `fota team connect — share this workstation's record with the team on PostgreSQL

Usage: fota team connect <postgres-url> [--ca FILE]

  <postgres-url>   postgres://USER@HOST[:PORT]/DATABASE — without the password
  --ca FILE        extra CA certificate(s), PEM, trusted for the database on top of the system roots

The password is asked for without echo at a terminal; in a script, pipe it on stdin:
  printf '%s' "$PGPASSWORD" | fota team connect postgres://fota_app@db.example.com/fota
The connection is proved first (TLS with certificate verification, the schema brought up to date or
a newer one refused); only then is the password stored, in the OS keychain only, and this
workstation's earlier sends, history and audit log are shared. Plaintext (?sslmode=disable) is
allowed only to localhost or 127.0.0.1.
Exit codes: 0 connected, 2 invalid input or a database schema newer than this FOTA Desk,
4 password refused or keychain unavailable, 5 the server cannot be reached (or TLS failed).
`;

const STATUS_HELP = `fota team status — the team connection of this workstation

Usage: fota team status [--json]

Prints the server, the schema version, this workstation (id, host, user), how many records wait in
the outbox and when the last sync succeeded; 'solo' when this workstation is not in a team.
Exit codes: 0 (solo, or connected and reachable), 2 the database schema is newer than this FOTA Desk,
4 password refused or missing, 5 the server cannot be reached (the outbox keeps every record).
`;

const SYNC_HELP = `fota team sync — send every record waiting in the outbox to the team database

Usage: fota team sync [--rescan]

  --rescan   re-read this workstation's journals, history and audit log into the outbox first
             (the server keeps what it already has; nothing is stored twice)

Exit codes: 0 everything acknowledged, 2 not connected or a newer schema, 4 password refused or
missing, 5 the server cannot be reached (the records stay in the outbox).
`;

const DISCONNECT_HELP = `fota team disconnect — leave team mode (back to solo)

Usage: fota team disconnect

Forgets the connection and removes the database password from the OS keychain. The local record is
kept as it is; records not yet sent stay in the outbox and go out if this workstation connects again.
Exit codes: 0 disconnected (or already solo).
`;

/** `fota team connect`. */
const connect: Command = {
  name: 'team connect',
  summary: 'share this workstation’s record with the team on PostgreSQL (password to the keychain)',
  help: CONNECT_HELP,
  async run(args, io) {
    const { values, positionals } = parse(args, { ca: { type: 'string' } }, 1);
    const url = positionals[0];
    if (url === undefined) throw new UsageError('give the database URL: postgres://USER@HOST[:PORT]/DATABASE');
    const caPem = values.ca === undefined ? null : readCaFile(values.ca, io);
    let dataDir = '';
    return guardTeam(io, 'team connect', () => (dataDir ? syncState(dataDir).waiting : 0), async () => {
      let connection;
      try {
        connection = parseTeamUrl(url, caPem, new Date().toISOString());
      } catch (error) {
        if (error instanceof TeamUrlError) throw new UsageError(error.message);
        throw error;
      }
      const context = profileContext(io);
      dataDir = context.dataDir;
      const ws = workstation(dataDir);
      // Ask the keychain first, so nobody types a password that could not be stored anyway.
      await context.secrets.get(passwordOwner(ws.id), 'dbPassword');
      const password = io.stdinIsTty
        ? await promptSecret(io.stdin, io.stderr, `Password of ${connection.user} at ${teamUrl(connection)}: `, 'database password')
        : await readSecretFromPipe(io.stdin, 'database password');
      const store = await PgTeamStore.open(clientConfig(connection, password));
      try {
        const server = await store.status();
        await context.secrets.set(passwordOwner(ws.id), 'dbPassword', password);
        writeConnection(dataDir, connection);
        const shared = await backfillOutbox(dataDir);
        for (const p of shared.problems) io.stderr(`fota team connect: warning: not shared: ${p}\n`);
        const result = await syncOutbox(dataDir, store, ws, { now: () => new Date().toISOString() });
        io.stdout(
          `Connected to ${teamUrl(connection)} (${server.server}, schema ${server.schemaVersion}) as workstation ${ws.id} (${ws.user}@${ws.host}).\n` +
            `The password is stored in the ${context.secrets.backend === 'keychain' ? 'OS keychain' : 'test memory store'}. ` +
            `Shared this workstation's record: ${shared.journalRecords} journal record(s), ${shared.histories} batch histories, ${shared.auditEntries} audit entries (${result.sent} outbox entries sent).\n`,
        );
        return EXIT.ok;
      } finally {
        await store.close();
      }
    });
  },
};

/** `fota team status`. */
const status: Command = {
  name: 'team status',
  summary: 'the team connection: server, schema, this workstation, outbox, last sync',
  help: STATUS_HELP,
  async run(args, io) {
    const { values } = parse(args, { json: { type: 'boolean' } }, 0);
    let dataDir = '';
    return guardTeam(io, 'team status', () => 0, async () => {
      const context = profileContext(io);
      dataDir = context.dataDir;
      const connection = readConnection(dataDir);
      if (connection === null) {
        if (values.json) io.stdout(`${JSON.stringify({ mode: 'solo' })}\n`);
        else io.stdout("Solo: this workstation keeps its own record. Join a team with 'fota team connect postgres://USER@HOST/DATABASE'.\n");
        return EXIT.ok;
      }
      const ws = workstation(dataDir);
      const local = syncState(dataDir);
      let server: { server: string; schemaVersion: number; workstations: number } | null = null;
      let problem: string | null = null;
      let code: ExitCode = EXIT.ok;
      try {
        const opened = await openTeamStore(dataDir, context.secrets);
        try {
          server = await opened.store.status();
        } finally {
          await opened.store.close();
        }
      } catch (error) {
        const failure = describeTeamFailure(error);
        if (failure === null && !(error instanceof TeamPasswordMissingError)) throw error;
        problem = failure?.message ?? (error as Error).message;
        code = failure === null ? EXIT.auth : failure.kind === 'auth' ? EXIT.auth : failure.kind === 'network' ? EXIT.network : EXIT.invalidInput;
      }
      const state = problem !== null ? 'offline' : local.waiting > 0 ? 'catching up' : 'connected';
      if (values.json) {
        io.stdout(`${JSON.stringify({ mode: 'team', state, url: teamUrl(connection), tls: connection.tls, server, problem, workstation: ws, outbox: local.waiting, rescanNeeded: local.rescanNeeded, lastSync: local.lastSync }, null, 2)}\n`);
        return code;
      }
      io.stdout(
        [
          `Team: ${state}`,
          `  server       ${teamUrl(connection)}${connection.tls === 'verify' ? ' (TLS, verified)' : ' (plaintext, this machine only)'}`,
          `  database     ${server ? `${server.server}, schema version ${server.schemaVersion}, ${server.workstations} workstation(s)` : `unreachable: ${problem ?? ''}`}`,
          `  workstation  ${ws.id} (${ws.user}@${ws.host})`,
          `  outbox       ${local.waiting} record(s) waiting${local.rescanNeeded ? "; an append failed: 'fota team sync' re-reads the local record" : ''}`,
          `  last sync    ${local.lastSync ?? 'never'}`,
          '',
        ].join('\n'),
      );
      return code;
    });
  },
};

/** `fota team sync`. */
const sync: Command = {
  name: 'team sync',
  summary: 'send the records waiting in the outbox to the team database',
  help: SYNC_HELP,
  async run(args, io) {
    const { values } = parse(args, { rescan: { type: 'boolean' } }, 0);
    let dataDir = '';
    return guardTeam(io, 'team sync', () => (dataDir ? syncState(dataDir).waiting : 0), async () => {
      const context = profileContext(io);
      dataDir = context.dataDir;
      if (readConnection(dataDir) === null) {
        io.stderr("fota team sync: this workstation is not in a team; connect with 'fota team connect postgres://USER@HOST/DATABASE'.\n");
        return EXIT.invalidInput;
      }
      const opened = await openTeamStore(dataDir, context.secrets);
      try {
        const result = await syncOutbox(dataDir, opened.store, opened.workstation, { now: () => new Date().toISOString(), rescan: values.rescan === true });
        if (result.rescan) for (const p of result.rescan.problems) io.stderr(`fota team sync: warning: not shared: ${p}\n`);
        if (result.skipped > 0) io.stderr(`fota team sync: warning: ${result.skipped} outbox line(s) were cut short by a crash and skipped; run 'fota team sync --rescan' to re-read the local record.\n`);
        io.stdout(`Synced: ${result.sent} record(s) sent, the outbox is empty. Last sync ${result.lastSync ?? ''}.\n`);
        return EXIT.ok;
      } finally {
        await opened.store.close();
      }
    });
  },
};

/** `fota team disconnect`. */
const disconnect: Command = {
  name: 'team disconnect',
  summary: 'leave team mode; forget the connection and its password',
  help: DISCONNECT_HELP,
  async run(args, io) {
    parse(args, {}, 0);
    return guardTeam(io, 'team disconnect', () => 0, async () => {
      const context = profileContext(io);
      const dataDir = context.dataDir;
      if (readConnection(dataDir) === null) {
        io.stdout('Already solo: this workstation was not in a team.\n');
        return EXIT.ok;
      }
      const ws = workstation(dataDir);
      const waiting = syncState(dataDir).waiting;
      await closeOutbox(dataDir);
      removeConnection(dataDir);
      await context.secrets.delete(passwordOwner(ws.id), 'dbPassword');
      io.stdout(`Disconnected: this workstation is solo again; its password was removed from the keychain.${waiting > 0 ? ` ${waiting} record(s) not yet sent stay in the outbox and go out if it connects again.` : ''}\n`);
      return EXIT.ok;
    });
  },
};

/** The `fota team` commands. */
export const commands: Command[] = [connect, status, sync, disconnect];

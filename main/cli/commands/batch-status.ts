// `fota batch status [<batch>] [--refresh]`: where every forceUpdateId of a batch (or of all
// batches) stands, per device, from the local history; `--refresh` asks Samsung first for the ids
// that are not final. Also the helpers the other tracking commands share.
import { setTimeout as sleep } from 'node:timers/promises';
import { systemClock, type Clock } from '../../../common/clock.ts';
import { UsageError, type Command } from '../command.ts';
import { clientFor, CONNECTION_HELP, parseCommandArgs, resolveConnection } from '../connection.ts';
import type { Connection, FlagValues } from '../connection-types.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { printJson } from './batch-context.ts';
import { EXIT_CODE, guardCommand } from '../failure.ts';
import { appLog, type Logger } from '../../log/logger.ts';
import type { BatchStore } from '../../store/batches/batch-store.ts';
import { currentDataFolder } from '../../store/data-folder.ts';
import type { BatchHistory, TrackedUpdate } from '../../store/history/history-model.ts';
import type { HistoryStore } from '../../store/history/history-store.ts';
import { isPackagedRuntime } from '../../store/packaged.ts';
import type { RefreshClient, RefreshReport } from '../../batches/refresh.ts';
import { batchResults, countStates, shortTime, type DeviceRow } from '../../batches/results.ts';
import { TrackingService } from '../../batches/track-service.ts';

/** What every tracking command works with. */
export interface TrackingContext {
  readonly dataDir: string;
  readonly service: TrackingService;
  readonly history: HistoryStore;
  readonly batches: BatchStore;
  readonly clock: Clock;
  readonly log: Logger;
}

/** Opens the tracking context of a command. */
export function trackingContext(io: CliIo, clock: Clock = systemClock): TrackingContext {
  const dataDir = currentDataFolder(io.env, isPackagedRuntime());
  const log = appLog(dataDir, io.env);
  const service = new TrackingService({ dataDir, clock, log });
  return { dataDir, service, history: service.history, batches: service.batches, clock, log };
}

/** Catches the history up with the send journals; problems are warnings, never fatal. */
export async function syncHistory(ctx: TrackingContext, io: CliIo, command: string): Promise<void> {
  const report = await ctx.service.sync();
  for (const p of report.problems) {
    io.stderr(`fota ${command}: warning: a send journal could not be read, its calls are not tracked: ${p}\n`);
    ctx.log.warn('tracking: a send journal could not be read', { problem: p });
  }
}

/** Tells the admin about history or batch files that were unreadable and moved aside. */
export function reportFileProblems(ctx: TrackingContext, io: CliIo, command: string): void {
  for (const p of [...ctx.history.problems, ...ctx.batches.problems]) {
    io.stderr(p.movedTo ? `fota ${command}: warning: ${p.file} could not be read (${p.problem}); it was moved to ${p.movedTo}.\n` : `fota ${command}: warning: ${p.file} was skipped: ${p.problem}\n`);
    ctx.log.warn('a data file could not be read', { file: p.file, problem: p.problem, movedTo: p.movedTo });
  }
}

/** The history a batch reference means: the stored batch's (by id or name), else a history by batch id or name. */
export function findHistory(ctx: TrackingContext, ref: string): BatchHistory {
  const wanted = ref.trim();
  const direct = ctx.history.get(wanted);
  if (direct) return direct;
  const all = ctx.history.list();
  const byName = all.filter((h) => h.batchName.toLowerCase() === wanted.toLowerCase());
  if (byName.length === 1 && byName[0]) return byName[0];
  if (byName.length > 1) throw new UsageError(`several batches in the history are named '${ref}': give the batch id (${byName.map((h) => h.batchId).join(', ')})`);
  const stored = ctx.batches.list().find((b) => b.id === wanted || b.name.toLowerCase() === wanted.toLowerCase());
  if (stored) throw new UsageError(`batch '${stored.name}' has not been sent yet, so there is nothing to track. Send it with 'fota batch send ${stored.name}'.`);
  throw new UsageError(`there is no batch '${ref}' in the history.${all.length > 0 ? ` Sent batches: ${all.slice(0, 20).map((h) => h.batchName).join(', ')}${all.length > 20 ? ', …' : ''}.` : " Nothing has been sent yet ('fota history' lists sent batches)."}`);
}

/** A connection's client for refreshes (the tracking service logs their failures itself). */
export function refreshClient(connection: Connection): RefreshClient {
  return clientFor(connection, { log: null });
}

/** Refreshes the open ids of the given histories through the connection (30 ids a minute, waiting when needed). */
export async function refreshHistories(ctx: TrackingContext, io: CliIo, command: string, values: FlagValues, histories: readonly BatchHistory[]): Promise<{ report: RefreshReport | null; skipped: string[] }> {
  const open = histories.filter((h) => h.updates.some((u) => u.status === 'open'));
  if (open.length === 0) return { report: null, skipped: [] };
  const connection = await resolveConnection(values, io);
  try {
    const customerId = connection.identity.customerId;
    ctx.log.redactor.allow(customerId);
    const skipped = open.filter((h) => h.customerId !== customerId).map((h) => h.batchName);
    if (skipped.length > 0) {
      io.stderr(`fota ${command}: not refreshed (sent to another customer ID than ${customerId}; use that tenant's profile): ${skipped.join(', ')}\n`);
    }
    let stop = false;
    void io.interrupted.then(() => {
      stop = true;
    });
    const report = await ctx.service.refresh(
      open.map((h) => h.batchId),
      refreshClient(connection),
      customerId,
      {
        wait: async (ms) => {
          io.stderr(`fota ${command}: at most 30 ids are refreshed a minute; waiting ${Math.ceil(ms / 1000)} s…\n`);
          await sleep(ms);
        },
        stopped: () => stop,
        onEvent: (e) => {
          if (e.outcome === 'failed' && e.failure) io.stderr(`fota ${command}: ${e.forceUpdateId}: refresh failed (${e.failure.code}): ${e.message ?? ''}\n`);
          else if (e.outcome === 'expired') io.stderr(`fota ${command}: ${e.forceUpdateId}: ${e.message ?? 'expired'}\n`);
        },
      },
    );
    const done = report.events.filter((e) => e.outcome === 'refreshed' || e.outcome === 'final').length;
    ctx.log.info('refresh on demand', { command, refreshed: done, failed: report.events.filter((e) => e.outcome === 'failed').length, deferred: report.deferred });
    return { report, skipped };
  } finally {
    await connection.close();
  }
}

function countsLine(u: TrackedUpdate): string {
  const s = u.summary;
  const counts = s ? `${s.processing ?? '?'} processing, ${s.downloaded ?? '?'} downloaded, ${s.failed ?? '?'} failed` : 'not refreshed yet';
  const asOf = u.asOf ? ` (as of ${shortTime(u.asOf)})` : '';
  const status = u.status === 'open' ? 'open' : u.status === 'final' ? 'final' : 'EXPIRED — last known state kept';
  return `${counts}${asOf}; ${status}`;
}

function statesLine(rows: readonly DeviceRow[]): string {
  const c = countStates(rows);
  const parts = Object.entries(c).filter(([, n]) => n > 0).map(([state, n]) => `${n} ${state}`);
  return parts.length > 0 ? parts.join(', ') : 'no devices';
}

/** One batch's status, for people. */
export function batchStatusText(h: BatchHistory): string {
  const rows = batchResults(h);
  const lines = [`Batch '${h.batchName}' (${h.batchId})${h.practice ? ' [PRACTICE]' : ''}, customer ID ${h.customerId}`, `Devices: ${statesLine(rows)}`];
  if (h.updates.length > 0) lines.push('', 'forceUpdateIds:');
  for (const u of h.updates) {
    lines.push(`  ${u.forceUpdateId}  ${u.callId}  ${u.serials.length} device(s), target ${u.target}, sent ${shortTime(u.sentAt)}, expires ${shortTime(u.expiresAt)}`);
    lines.push(`      ${countsLine(u)}`);
    if (u.detail && !u.detail.understood) lines.push(`      detail not understood: ${u.detail.note}`);
    if (u.lastAttempt && !u.lastAttempt.ok) lines.push(`      last refresh failed ${shortTime(u.lastAttempt.at)}: ${u.lastAttempt.code ?? ''} ${u.lastAttempt.message ?? ''}`.trimEnd());
    if (u.closedReason && u.status === 'expired') lines.push(`      ${u.closedReason}`);
  }
  for (const s of h.scheduled) lines.push(`  ${s.callId}  group ${s.groupId}, target ${s.target}, sent ${shortTime(s.sentAt)}: scheduled — not trackable through the API`);
  const untracked = h.untracked.filter((c) => c.state !== 'pending' || c.message !== null);
  if (untracked.length > 0) lines.push('', 'Calls without a forceUpdateId:');
  for (const c of untracked) lines.push(`  ${c.callId}  ${c.serials.length} device(s): ${c.state}${c.code ? ` ${c.code}` : ''}${c.message ? ` — ${c.message}` : ''}`);
  return `${lines.join('\n')}\n`;
}

function overviewText(histories: readonly BatchHistory[]): string {
  if (histories.length === 0) return "No batch has been sent yet: nothing is tracked. ('fota batch send' sends one.)\n";
  const lines = histories.map((h) => {
    const open = h.updates.filter((u) => u.status === 'open').length;
    const last = h.updates.map((u) => u.asOf).filter((x): x is string => x !== null).sort().pop() ?? null;
    return `${h.batchName} (${h.batchId})${h.practice ? ' [PRACTICE]' : ''}: ${h.updates.length} id(s), ${open} open; ${statesLine(batchResults(h))}${last ? `; last refreshed ${shortTime(last)}` : ''}`;
  });
  return `${lines.join('\n')}\n`;
}

/** JSON of one batch's status. */
export function batchStatusJson(h: BatchHistory): Record<string, unknown> {
  return {
    batchId: h.batchId,
    batchName: h.batchName,
    customerId: h.customerId,
    practice: h.practice,
    devices: countStates(batchResults(h)),
    updates: h.updates.map((u) => ({
      forceUpdateId: u.forceUpdateId,
      callId: u.callId,
      target: u.target,
      serials: u.serials.length,
      sentAt: u.sentAt,
      expiresAt: u.expiresAt,
      status: u.status,
      closedReason: u.closedReason,
      asOf: u.asOf,
      summary: u.summary,
      detailUnderstood: u.detail?.understood ?? null,
      lastAttempt: u.lastAttempt,
    })),
    scheduled: h.scheduled.map((s) => ({ callId: s.callId, groupId: s.groupId, target: s.target, sentAt: s.sentAt, window: s.window, note: 'scheduled: not trackable through the API' })),
    untracked: h.untracked.map((c) => ({ callId: c.callId, state: c.state, code: c.code, message: c.message, devices: c.serials.length })),
  };
}

const HELP = `fota batch status — where the forceUpdateIds of sent batches stand, per device

Usage: fota batch status [<batch>] [--refresh] [--json] [connection flags]

  <batch>      a sent batch's name or id; without it, every sent batch
  --refresh    first ask Samsung (forceUpdateSummary + forceUpdateDetail) about every id that is
               not final, at most 30 ids a minute; ids sent to another customer ID are skipped
  --json       one JSON object on standard output

The states come from the local history (<data folder>/history/), kept after Samsung forgets an id
(3 months). 'downloaded' is what Samsung counts as success: the firmware was downloaded, which is
not proof it was installed. 'unknown' means Samsung's per-device answer could not be read or did not
add up; its raw answer is kept. Scheduled (v1) groups cannot be followed through the API.
Exit codes: 0 shown, 2 invalid input or unknown batch; with --refresh, when an id could not be
refreshed (its last known state is still shown): 3 a FUD code, 4 authentication, 5 network.

${CONNECTION_HELP}
`;

/** `fota batch status`. */
export const command: Command = {
  name: 'batch status',
  summary: 'where the forceUpdateIds of sent batches stand, per device (--refresh asks Samsung)',
  help: HELP,
  async run(args: readonly string[], io: CliIo): Promise<ExitCode> {
    const json = args.includes('--json');
    return guardCommand(io, 'batch status', async () => {
      const { values, positionals } = parseCommandArgs(args, { refresh: { type: 'boolean' } }, { min: 0, max: 1, what: 'batch' });
      const ctx = trackingContext(io);
      await syncHistory(ctx, io, 'batch status');
      const ref = positionals[0];
      let histories = ref === undefined ? ctx.history.list() : [findHistory(ctx, ref)];
      let exit: ExitCode = EXIT.ok;
      if (values['refresh'] === true) {
        const { report } = await refreshHistories(ctx, io, 'batch status', values, histories);
        histories = histories.map((h) => ctx.history.get(h.batchId) ?? h);
        exit = refreshExit(report);
        if (exit !== EXIT.ok) io.stderr('fota batch status: some ids could not be refreshed; the states shown for them are the last known ones.\n');
      }
      reportFileProblems(ctx, io, 'batch status');
      if (json) printJson(io, { ok: exit === EXIT.ok, command: 'batch status', ...(exit !== EXIT.ok ? { exitCode: exit } : {}), result: ref === undefined ? { batches: histories.map(batchStatusJson) } : batchStatusJson(histories[0] as BatchHistory) });
      else io.stdout(ref === undefined ? overviewText(histories) : batchStatusText(histories[0] as BatchHistory));
      return exit;
    }, { json });
  },
};

/** The exit code after refreshes: 0, or that of the first failure (4 credentials, 3 a FUD code, 5 network). */
export function refreshExit(report: RefreshReport | null): ExitCode {
  if (report === null) return EXIT.ok;
  if (report.authFailed) return EXIT.auth;
  const failed = report.events.find((e) => e.outcome === 'failed');
  if (!failed?.failure) return EXIT.ok;
  // The refresh records the client's error family (or FUD code), not the error: read it as its kind.
  const code = failed.failure.code;
  return EXIT_CODE[code === 'auth' ? 'auth' : code.startsWith('FUD_') ? 'fud' : 'network'];
}



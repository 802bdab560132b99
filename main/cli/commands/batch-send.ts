// `fota batch send <batch>`: sends a prepared batch safely (journal, safe retries, crash recovery),
// and `fota batch audit`: the audit log, as JSON lines or CSV.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError, type Command } from '../command.ts';
import { CONNECTION_HELP, parseCommandArgs, resolveConnection, stringFlag, type Connection, type FlagValues } from '../connection.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { describeFailure } from '../output.ts';
import { batchContext, guardBatchCommand, parseFlags } from './batch-context.ts';
import { batchHeader, findingsText } from './batch-format.ts';
import { createEfotaClient } from '../../efota/client.ts';
import { auditCsv, readAuditLog } from '../../batches/audit-log.ts';
import { JournalDamagedError } from '../../batches/journal.ts';
import { BatchLockedError } from '../../batches/lock.ts';
import type { CallStatus, SendCounts } from '../../batches/journal-state.ts';
import type { SendChecks } from '../../batches/send-checks.ts';
import type { SendEvent } from '../../batches/send-events.ts';
import { SendActionError, summarise, type SendOutcome, type SendSession } from '../../batches/send-session.ts';
import { DEFAULT_CONCURRENCY, licenceSuffix, MAX_CONCURRENCY, Sender, TenantMismatchError, type OpenedSend } from '../../batches/sender.ts';

const LIST_FLAGS = ['--resend-unknown', '--leave-unknown', '--replan'] as const;

const SEND_OPTIONS = {
  yes: { type: 'boolean' },
  'resend-unknown': { type: 'string', multiple: true },
  'leave-unknown': { type: 'string', multiple: true },
  replan: { type: 'string', multiple: true },
  'continue-pilot': { type: 'boolean' },
  'pin-latest': { type: 'boolean' },
  cancel: { type: 'boolean' },
  concurrency: { type: 'string' },
} as const;

const NO_WITHDRAW = 'Samsung cannot withdraw an update it has accepted: accepted calls stay accepted whatever happens next.';

const SEND_HELP = `fota batch send — send a prepared batch to E-FOTA, safely

Usage: fota batch send <batch> [--yes] [--concurrency N] [--pin-latest] [--continue-pilot]
                       [--resend-unknown <call-id…>] [--leave-unknown <call-id…>] [--replan <call-id…>]
                       [--cancel] [connection flags] [--json]

  <batch>                   the batch's name or id (first, before the options)
  --yes                     confirm without a question (required without a terminal)
  --concurrency N           calls in flight at once, 1–${MAX_CONCURRENCY} (default ${DEFAULT_CONCURRENCY})
  --pin-latest              resolve 'Latest' through firmwareList now and pin that firmware to the
                            batch (otherwise Samsung resolves 'Latest' when each call arrives)
  --continue-pilot          go on past the pilot pause once the pilot has been sent and reviewed
  --resend-unknown ID…      send these 'unknown' calls once more (they MAY have reached Samsung:
                            check the devices first, or the update may be pushed twice)
  --leave-unknown ID…       never re-send these 'unknown' calls (you checked them another way)
  --replan ID…              re-plan calls Samsung refused with FUD_3031: without the devices
                            abnormalDeviceList names (they are also excluded from the batch), or in
                            halves when it names none
  --cancel                  cancel the calls not yet sent. ${NO_WITHDRAW}
  Call ids look like SM-G991B/BTU#3; list several after one flag, or separate them with commas.

What happens: the batch's send lock is taken (one process sends a batch at a time); an unfinished
send is continued, else a new one is planned without the devices earlier sends already pushed.
Before any call, the licence, every schedule window and what 'Latest' means are checked again.
The plan and the tenant are shown and must be confirmed. Every step is journalled and fsynced in
<data folder>/journals/ before it is taken, so a crash or power cut never loses a forceUpdateId.
A state-changing call is retried only when it provably never reached Samsung (DNS, refused, TLS
handshake, HTTP 429, 401); after a timeout, a reset or a 5xx it becomes 'unknown' and is never
re-sent without --resend-unknown. Ctrl+C stops after the calls in flight; run again to continue.

Exit codes: 0 sent (or paused after the pilot), 2 invalid input or refused before sending,
4 authentication, 5 network (nothing more was sent; run again), 6 finished with some calls rejected,
7 stopped with 'unknown' calls that need a decision (or stopped by you before finishing),
8 the batch is being sent by another process.

${CONNECTION_HELP}
`;

/** Splits `--flag a b c` into `--flag a --flag b --flag c` (and commas), so ids can follow one flag. */
export function expandListFlags(args: readonly string[]): string[] {
  const out: string[] = [];
  let list: string | null = null;
  for (const arg of args) {
    const [flag, inline] = arg.startsWith('--') ? [arg.split('=')[0] ?? arg, arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : null] : [null, null];
    if (flag !== null && (LIST_FLAGS as readonly string[]).includes(flag)) {
      list = flag;
      for (const id of (inline ?? '').split(',').filter(Boolean)) out.push(flag, id);
      continue;
    }
    if (list !== null && !arg.startsWith('-')) {
      for (const id of arg.split(',').filter(Boolean)) out.push(list, id);
      continue;
    }
    list = null;
    out.push(arg);
  }
  return out;
}

function listFlag(values: FlagValues, name: string): string[] {
  const v = values[name];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function concurrencyOf(values: FlagValues): number {
  const text = stringFlag(values, 'concurrency');
  if (text === null) return DEFAULT_CONCURRENCY;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_CONCURRENCY) throw new UsageError(`--concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}, not '${text}'`);
  return Number(text);
}

async function ask(io: CliIo, question: string): Promise<string> {
  io.stderr(question);
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: io.stdin, terminal: false });
  try {
    return (await rl.question('')).trim();
  } catch {
    return '';
  } finally {
    rl.close();
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function profileNameOf(connection: Connection): string {
  return connection.profileName ?? 'connection from flags/environment';
}

function callLine(s: CallStatus): string {
  const c = s.call;
  const what = c.operation === 'forceUpdate' ? plural(c.serials.length, 'device') : `group ${c.groupId ?? ''}`;
  const result =
    s.state === 'accepted' ? `accepted${s.forceUpdateId ? ` — forceUpdateId ${s.forceUpdateId}` : ''}`
    : s.state === 'rejected' ? `rejected ${s.code ?? ''}${s.local ? ' (refused before sending)' : ''}${s.replacedBy.length > 0 ? `, re-planned as ${s.replacedBy.join(', ')}` : ''}`
    : s.state === 'unknown' ? `UNKNOWN${s.left ? ' (left by the admin)' : ''}`
    : s.state === 'pending' ? 'not sent yet'
    : s.state;
  return `  ${c.id}  ${c.operation} ${what}, target ${c.target}${c.pilot ? ' [pilot]' : ''}: ${result}`;
}

/** The summary shown before confirming. */
function planText(opened: OpenedSend, connection: Connection, checks: SendChecks | null, values: FlagValues): string {
  const { session, batch } = opened;
  const calls = session.calls;
  const toSend = calls.filter((s) => s.state === 'pending');
  const resend = listFlag(values, 'resend-unknown');
  const lines = batchHeader(batch);
  lines.push(
    '',
    `Tenant: profile '${profileNameOf(connection)}', customer ID ${connection.identity.customerId}, licence ${licenceSuffix(connection.identity.license)}, ${connection.baseUrl}`,
  );
  lines.push(opened.resumed ? `Continuing send ${session.sendId} (begun ${session.start.at} by ${session.start.by.user} on ${session.start.by.host}).` : `New send ${session.sendId}.`);
  for (const n of opened.notices) lines.push(`  note: ${n}`);
  const c = session.counts;
  lines.push(`Calls: ${summarise(c)}; ${plural(toSend.length, 'call')} (${toSend.reduce((n, s) => n + s.call.serials.length, 0)} devices) to send now${resend.length > 0 ? `, plus ${plural(resend.length, 'unknown call')} to re-send` : ''}.`);
  if (session.start.pilotCalls > 0 && !session.pilotContinued) {
    const pilotSent = session.started && calls.filter((s) => s.call.pilot).every((s) => s.state !== 'pending');
    lines.push(
      !pilotSent ? `Pilot: the first ${plural(session.start.pilotCalls, 'call')}, then a pause for review.`
      : values['continue-pilot'] === true ? 'Pilot: sent; the rest follows now (--continue-pilot).'
      : 'Pilot: sent; the rest waits until you continue (--continue-pilot, or answer the question on a terminal).',
    );
  }
  const shown = calls.filter((s) => s.state !== 'accepted' || opened.resumed).slice(0, 40);
  if (shown.length > 0) lines.push('', 'Calls:', ...shown.map(callLine));
  if (calls.length > shown.length) lines.push(`  … ${calls.length - shown.length} more (--json lists all)`);
  if (checks) {
    const l = checks.licence;
    lines.push('', l ? `Licence now: ${l.licenseStatus ?? '?'}, type ${l.licenseType ?? '?'}, active ${l.activePeriod ?? '?'}, seats ${l.remainingQuantity ?? '?'} of ${l.purchasedQuantity ?? '?'} free` : 'Licence now: Samsung refused to report it (see the findings)');
    for (const r of checks.latest) {
      lines.push(`'Latest' for ${r.groupKey} is now ${r.firmware ?? 'nothing'}${r.firmware ? ` (${r.detail})` : ''}${values['pin-latest'] === true ? (r.firmware ? ' — will be pinned to the batch' : '') : ' — not pinned (--pin-latest pins it)'}`);
    }
    if (checks.findings.length > 0) lines.push(...findingsText(checks.findings));
  }
  if (resend.length > 0) lines.push('', `Re-sending ${resend.join(', ')}: these MAY already have reached Samsung. Re-sending can push the same update twice.`);
  lines.push('', NO_WITHDRAW);
  return `${lines.join('\n')}\n`;
}

/** Turns progress events into a bar (terminal) or plain lines. */
function progressPrinter(io: CliIo, json: boolean): { listener: (e: SendEvent) => void; end: () => void } {
  const bar = io.stdoutIsTty && !json;
  const say = json ? io.stderr : io.stdout;
  let drawn = false;
  const draw = (c: SendCounts, phase: string): void => {
    const done = c.accepted + c.rejected + c.unknown + c.unknownLeft + c.cancelled;
    const width = 30;
    const filled = c.calls === 0 ? width : Math.round((done / c.calls) * width);
    io.stderr(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${c.calls} calls  ${c.devicesAccepted} devices accepted  ${c.rejected} rejected  ${c.unknown} unknown  ${phase}   `);
    drawn = true;
  };
  const line = (text: string): void => {
    if (drawn) io.stderr('\n');
    drawn = false;
    say(`${text}\n`);
  };
  return {
    listener: (e) => {
      switch (e.type) {
        case 'call':
          if (bar) {
            if (e.state !== 'accepted') line(`${e.callId}: ${e.state}${e.code ? ` ${e.code}` : ''}${e.message ? ` — ${e.message}` : ''}`);
            draw(e.counts, '');
          } else {
            line(`${e.callId}: ${e.state}${e.forceUpdateId ? ` forceUpdateId ${e.forceUpdateId}` : ''}${e.code ? ` ${e.code}` : ''} (${plural(e.devices, 'device')})${e.message ? ` — ${e.message}` : ''}`);
          }
          break;
        case 'phase':
          if (bar) draw(e.counts, e.phase);
          else if (e.phase !== 'ready') line(`send: ${e.phase}`);
          break;
        case 'retry':
          line(`${e.callId ?? e.what}: retrying in ${(e.delayMs / 1000).toFixed(1)} s (attempt ${e.attempt} failed: ${e.reason})`);
          break;
        case 'culprits':
        case 'notice':
          line(e.message);
          break;
      }
    },
    end: () => {
      if (drawn) io.stderr('\n');
      drawn = false;
    },
  };
}

function exitFor(outcome: SendOutcome): ExitCode {
  if (outcome.reason === 'journal') return EXIT.internal;
  if (outcome.unknown.length > 0) return EXIT.unknownCalls;
  if (outcome.reason === 'auth') return EXIT.auth;
  if (outcome.reason === 'network' || outcome.reason === 'throttled') return EXIT.network;
  if (outcome.reason === 'stopped') return EXIT.unknownCalls;
  if (outcome.rejected.length > 0) return EXIT.someRejected;
  return EXIT.ok;
}

function outcomeText(outcome: SendOutcome, batchName: string): string {
  const lines = [`Send ${outcome.reason}: ${summarise(outcome.counts)}; ${outcome.counts.devicesAccepted} devices accepted.`, `Journal: ${outcome.journalFile}`];
  if (outcome.detail) lines.push(`Why it stopped: ${outcome.detail}`);
  const again = `fota batch send '${batchName}'`;
  switch (outcome.reason) {
    case 'pilot':
      lines.push(`Paused after the pilot. Check the pilot devices (fota summary <forceUpdateId>), then continue with: ${again} --continue-pilot`);
      break;
    case 'stopped':
      lines.push(`Stopped before finishing; the rest is not sent. Continue with: ${again}`);
      break;
    case 'network':
    case 'throttled':
    case 'auth':
      lines.push(`Nothing more was sent. When the problem is solved, continue with: ${again}`);
      break;
    case 'cancelled':
      lines.push(NO_WITHDRAW);
      break;
    default:
      break;
  }
  if (outcome.rejected.length > 0) {
    lines.push('', 'Rejected:');
    for (const s of outcome.rejected) {
      lines.push(callLine(s), ...(s.message ? [`      ${s.message}`] : []));
      if (s.code === 'FUD_3031') {
        const named = s.culprits === null ? 'not yet known (abnormalDeviceList could not be asked)' : s.culprits.length === 0 ? 'none named by abnormalDeviceList' : s.culprits.map((c) => `${c.serial} (${c.category})`).join(', ');
        lines.push(`      culprits: ${named}`, `      re-plan it with: ${again} --replan '${s.call.id}'`);
      }
    }
  }
  if (outcome.unknown.length > 0) {
    lines.push('', `UNKNOWN — these calls may or may not have reached Samsung (${outcome.unknown.length}):`);
    for (const s of outcome.unknown) lines.push(callLine(s), ...(s.message ? [`      ${s.message}`] : []));
    lines.push(
      'Check the devices (or the Knox portal) before deciding. Then either',
      `  re-send:  ${again} --resend-unknown ${outcome.unknown.map((s) => `'${s.call.id}'`).join(' ')}`,
      `  or leave: ${again} --leave-unknown ${outcome.unknown.map((s) => `'${s.call.id}'`).join(' ')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function callJson(s: CallStatus): Record<string, unknown> {
  return {
    id: s.call.id,
    operation: s.call.operation,
    state: s.state,
    left: s.left,
    devices: s.call.serials.length,
    target: s.call.target,
    pilot: s.call.pilot,
    forceUpdateId: s.forceUpdateId,
    code: s.code,
    local: s.local,
    message: s.message,
    culprits: s.culprits,
    replacedBy: s.replacedBy,
    attempts: s.attempts,
  };
}

function failureCode(io: CliIo, error: unknown, json: boolean): ExitCode | null {
  const say = (text: string, code: ExitCode): ExitCode => {
    io.stderr(`fota batch send: ${text}\n`);
    if (json) io.stdout(`${JSON.stringify({ ok: false, command: 'batch send', exitCode: code, error: { type: error instanceof Error ? error.name : 'error', message: text } })}\n`);
    return code;
  };
  if (error instanceof BatchLockedError) return say(error.message, EXIT.locked);
  if (error instanceof TenantMismatchError || error instanceof SendActionError) return say(error.message, EXIT.invalidInput);
  if (error instanceof JournalDamagedError) return say(error.message, EXIT.internal);
  const known = describeFailure(error);
  if (known) return say(known.text, known.exitCode);
  return null;
}

async function sendBatch(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const json = args.includes('--json');
  const input = parseCommandArgs(expandListFlags(args), SEND_OPTIONS, { min: 1, max: 1, what: 'the batch name or id' });
  const values = input.values;
  const ref = input.positionals[0] ?? '';
  const concurrency = concurrencyOf(values);
  const yes = values.yes === true;
  if (!yes && !io.stdinIsTty) throw new UsageError('there is no terminal to confirm on: add --yes to send without a question (read the plan with fota batch plan first)');
  const resend = listFlag(values, 'resend-unknown');
  const leave = listFlag(values, 'leave-unknown');
  const replan = listFlag(values, 'replan');
  const both = resend.filter((id) => leave.includes(id));
  if (both.length > 0) throw new UsageError(`${both.join(', ')}: a call cannot be both re-sent and left`);

  const ctx = batchContext(io);
  const connection = await resolveConnection(values, io);
  let opened: OpenedSend | null = null;
  try {
    const client = createEfotaClient({ baseUrl: connection.baseUrl, identity: connection.identity, tokens: connection.tokens, fetch: connection.fetch, timeouts: connection.timeouts, ...(connection.salesCodeMemory ? { salesCodeMemory: connection.salesCodeMemory } : {}) });
    const sender = new Sender({
      dataDir: ctx.dataDir,
      store: ctx.store,
      client,
      tenant: { profile: profileNameOf(connection), customerId: connection.identity.customerId, license: connection.identity.license },
      actor: ctx.actor,
      clock: ctx.clock,
      concurrency,
    });
    opened = await sender.open(ref, { reopenFor: replan });
    const session: SendSession = opened.session;

    // Decisions that need no question: they send nothing by themselves.
    if (leave.length > 0) await session.leaveUnknown(leave);
    const unknownIds = new Set(session.calls.filter((s) => s.state === 'unknown' && !s.left).map((s) => s.call.id));
    const strange = resend.filter((id) => !unknownIds.has(id));
    if (strange.length > 0) throw new SendActionError(`--resend-unknown ${strange.join(', ')}: not an 'unknown' call of this send. Unknown calls: ${[...unknownIds].join(', ') || 'none'}`);

    if (values.cancel === true) return await cancelSend(io, opened, connection, values, yes, json);

    const willSend = !session.cancelled && (session.calls.some((s) => s.state === 'pending') || resend.length > 0 || replan.length > 0);
    let checks: SendChecks | null = null;
    if (willSend) {
      checks = await sender.recheck(opened);
    }
    // With --json, standard output carries only the final object: the plan goes to standard error.
    (json ? io.stderr : io.stdout)(planText(opened, connection, checks, values));
    if (checks && !checks.sendable) {
      io.stderr('fota batch send: refused before sending: the checks above found errors. Nothing was sent.\n');
      if (json) io.stdout(`${JSON.stringify({ ok: false, command: 'batch send', exitCode: EXIT.invalidInput, findings: checks.findings })}\n`);
      return EXIT.invalidInput;
    }
    if (!willSend) {
      if (!session.started) {
        io.stdout(json ? `${JSON.stringify({ ok: true, command: 'batch send', exitCode: EXIT.ok, batch: { id: opened.batch.id, name: opened.batch.name }, nothingToSend: true, notices: opened.notices })}\n` : 'Nothing to send: every device of this batch was already pushed by an earlier send (or is excluded).\n');
        return EXIT.ok;
      }
      const outcome = await session.run();
      return finish(io, outcome, opened, json);
    }
    if (!yes) {
      const answer = await ask(io, `Send to customer ID ${connection.identity.customerId} (licence ${licenceSuffix(connection.identity.license)}) now? Type 'yes' to send: `);
      if (answer.toLowerCase() !== 'yes') {
        io.stdout('Nothing was sent.\n');
        return EXIT.ok;
      }
    }
    if (values['pin-latest'] === true && checks) opened = { ...opened, batch: await sender.pinLatest(opened, checks.latest) };
    if (resend.length > 0) await session.confirmResend(resend);
    for (const id of replan) {
      const s = session.calls.find((c) => c.call.id === id);
      const result = await session.replan(id);
      const culprits = (s?.culprits ?? []).filter((c) => result.removed.includes(c.serial));
      await sender.excludeCulprits(opened, culprits);
      io.stdout(`${id}: re-planned ${result.mode === 'without' ? `without ${result.removed.join(', ')} (now excluded from the batch)` : 'in halves'} as ${result.calls.join(', ') || 'nothing (every device was a culprit)'}\n`);
    }
    return await runWithProgress(io, opened, values, json);
  } finally {
    await opened?.session.close();
    await connection.close();
  }
}

async function runWithProgress(io: CliIo, opened: OpenedSend, values: FlagValues, json: boolean): Promise<ExitCode> {
  const session = opened.session;
  const printer = progressPrinter(io, json);
  const pilotAlreadySent = session.started && session.calls.filter((s) => s.call.pilot).every((s) => s.state !== 'pending');
  const off = session.events.on(printer.listener);
  const offPilot = session.events.on((e) => {
    if (e.type !== 'phase' || e.phase !== 'pilot-paused') return;
    // --continue-pilot counts only for a pilot sent before this command: a pilot needs a review.
    if (values['continue-pilot'] === true && pilotAlreadySent) {
      void session.continuePilot();
    } else if (io.stdinIsTty && values.yes !== true) {
      void ask(io, '\nThe pilot has been sent. Check the pilot devices; continue with the rest now? Type \'yes\' to continue: ').then((answer) => {
        if (answer.toLowerCase() === 'yes') void session.continuePilot();
        else session.stop('pilot');
      });
    } else {
      session.stop('pilot');
    }
  });
  let running = true;
  const stopOnInterrupt = (): void => {
    if (!running) return;
    printer.end();
    io.stderr('Stopping after the calls in flight… (the rest stays unsent; run the command again to continue)\n');
    session.stop();
  };
  void io.interrupted.then(stopOnInterrupt);
  try {
    const outcome = await session.run();
    printer.end();
    return finish(io, outcome, opened, json);
  } finally {
    running = false;
    off();
    offPilot();
  }
}

function finish(io: CliIo, outcome: SendOutcome, opened: OpenedSend, json: boolean): ExitCode {
  const code = exitFor(outcome);
  if (json) {
    io.stdout(`${JSON.stringify({
      ok: code === EXIT.ok,
      command: 'batch send',
      exitCode: code,
      batch: { id: opened.batch.id, name: opened.batch.name },
      sendId: opened.session.sendId,
      resumed: opened.resumed,
      notices: opened.notices,
      outcome: { reason: outcome.reason, detail: outcome.detail, counts: outcome.counts, journal: outcome.journalFile },
      calls: opened.session.calls.map(callJson),
    })}\n`);
  } else {
    io.stdout(outcomeText(outcome, opened.batch.name));
  }
  return code;
}

async function cancelSend(io: CliIo, opened: OpenedSend, connection: Connection, values: FlagValues, yes: boolean, json: boolean): Promise<ExitCode> {
  const session = opened.session;
  if (!session.started) {
    io.stdout(`Nothing to cancel: batch '${opened.batch.name}' has no unfinished send.\n`);
    return EXIT.ok;
  }
  (json ? io.stderr : io.stdout)(planText(opened, connection, null, values));
  const pending = session.calls.filter((s) => s.state === 'pending').length;
  if (!yes) {
    const answer = await ask(io, `Cancel the ${plural(pending, 'call')} not yet sent? ${NO_WITHDRAW} Type 'yes' to cancel: `);
    if (answer.toLowerCase() !== 'yes') {
      io.stdout('Nothing was cancelled.\n');
      return EXIT.ok;
    }
  }
  await session.cancel();
  const outcome = await session.run();
  return finish(io, outcome, opened, json);
}

const send: Command = {
  name: 'batch send',
  summary: 'send a prepared batch (journalled, safe retries, resumable)',
  help: SEND_HELP,
  async run(args, io) {
    const json = args.includes('--json');
    try {
      return await guardBatchCommand(io, 'batch send', () => sendBatch(args, io));
    } catch (error) {
      const code = failureCode(io, error, json);
      if (code === null) throw error;
      return code;
    }
  },
};

const AUDIT_HELP = `fota batch audit — the audit log: who sent what to which tenant, and Samsung's answers

Usage: fota batch audit [--batch <name or id>] [--csv] [--delimiter , | ; | tab] [--out FILE]

  --batch B      only entries of this batch (name or id)
  --csv          CSV (one row per entry; cells that a spreadsheet would run as a formula are
                 prefixed with ') instead of JSON lines
  --delimiter D  CSV field delimiter: , (default), ; or tab
  --out FILE     write to FILE instead of standard output

The log is <data folder>/audit.log, append-only JSON lines: time, OS user, host, profile, customer
ID, batch, each call and its result. It never holds a token or a client secret.
`;

const audit: Command = {
  name: 'batch audit',
  summary: 'show or export (CSV) the audit log of sends',
  help: AUDIT_HELP,
  run: (args, io) =>
    guardBatchCommand(io, 'batch audit', async () => {
      const { values, positionals } = parseFlags(args, { batch: { type: 'string' }, csv: { type: 'boolean' }, delimiter: { type: 'string' }, out: { type: 'string' } });
      if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0] ?? ''}'`);
      const delimiters = { ',': ',', ';': ';', tab: '\t' } as const;
      const d = values.delimiter ?? ',';
      if (!(d in delimiters)) throw new UsageError(`--delimiter must be , ; or tab, not '${d}'`);
      const ctx = batchContext(io);
      const { entries, problems } = readAuditLog(ctx.dataDir);
      let wanted = entries;
      if (values.batch !== undefined) {
        const batchRef = values.batch;
        const batch = ctx.store.list().find((b) => b.id === batchRef || b.name.toLowerCase() === batchRef.toLowerCase());
        wanted = entries.filter((e) => e['batchId'] === (batch?.id ?? batchRef) || e['batchName'] === batchRef);
      }
      const text = values.csv === true ? auditCsv(wanted, delimiters[d as keyof typeof delimiters]) : wanted.map((e) => JSON.stringify(e)).join('\n') + (wanted.length > 0 ? '\n' : '');
      for (const p of problems) io.stderr(`fota batch audit: warning: ${p}\n`);
      if (values.out !== undefined) {
        const file = path.resolve(io.cwd, values.out);
        writeFileSync(file, values.csv === true ? `\uFEFF${text}` : text);
        io.stderr(`Wrote ${wanted.length} ${wanted.length === 1 ? 'entry' : 'entries'} to ${file}\n`);
      } else {
        io.stdout(text);
      }
      return EXIT.ok;
    }),
};

/** `fota batch send` and `fota batch audit`. */
export const commands: Command[] = [send, audit];

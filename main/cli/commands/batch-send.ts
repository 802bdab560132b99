// `fota batch send <batch>`: sends a prepared batch safely through the send flow the window uses
// too (main/services/send-flow.ts): this file only parses flags, asks, prints and maps outcomes to
// exit codes.
import { plural } from '../../../common/plural.ts';
import { UsageError, type Command } from '../command.ts';
import { clientFor, commandLog, CONNECTION_HELP, parseCommandArgs, resolveConnection, stringFlag } from '../connection.ts';
import type { Connection, FlagValues } from '../connection-types.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { describeFailure, reportNothingDone, usageHint } from '../failure.ts';
import { batchContext, trackingOf } from './batch-context.ts';
import { batchHeader, findingsText } from './batch-format.ts';
import { callJson, callLine, exitFor, expandListFlags, includeOf, INCLUDE_OPEN_HELP, INCLUDE_OPEN_OPTION, listFlag, NO_WITHDRAW, outcomeText, progressPrinter, summaryText } from './send-format.ts';
import type { SendOutcome } from '../../batches/send-outcome.ts';
import { DEFAULT_CONCURRENCY, licenseSuffix, MAX_CONCURRENCY } from '../../batches/batch-sender.ts';
import { SendFlow } from '../../services/send-flow.ts';

export { expandListFlags } from './send-format.ts';

const SEND_OPTIONS = {
  yes: { type: 'boolean' },
  'resend-unknown': { type: 'string', multiple: true },
  'leave-unknown': { type: 'string', multiple: true },
  replan: { type: 'string', multiple: true },
  ...INCLUDE_OPEN_OPTION,
  'continue-pilot': { type: 'boolean' },
  'pin-latest': { type: 'boolean' },
  cancel: { type: 'boolean' },
  concurrency: { type: 'string' },
} as const;

const SEND_HELP = `fota batch send — send a prepared batch to E-FOTA, safely

Usage: fota batch send <batch> [--yes] [--concurrency N] [--pin-latest] [--continue-pilot]
                       [--include-open SERIAL…|all]
                       [--resend-unknown <call-id…>] [--leave-unknown <call-id…>] [--replan <call-id…>]
                       [--cancel] [connection flags] [--json]

  <batch>                   the batch's name or id (first, before the options)
  --yes                     confirm without a question (required without a terminal)
  --concurrency N           calls in flight at once, 1–${MAX_CONCURRENCY} (default ${DEFAULT_CONCURRENCY})
  --pin-latest              resolve 'Latest' through firmwareList now and pin that firmware to the
                            batch (otherwise Samsung resolves 'Latest' when each call arrives)
  --continue-pilot          go on past the pilot pause once the pilot has been sent and reviewed
${INCLUDE_OPEN_HELP}
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
Every device whose latest push anywhere in this data folder (any batch, send or direct
'fota force-update') is still open — sent, processing or unknown — is held back and listed with
the forceUpdateId that holds it, unless --include-open names it. 'fota batch plan' shows the same
numbers first. Before any call, the licence, every schedule window and what 'Latest' means are
checked again. The plan and the tenant are shown and must be confirmed. Every step is journalled
and fsynced in <data folder>/journals/ before it is taken, so a crash or power cut never loses a
forceUpdateId. A state-changing call is retried only when it provably never reached Samsung (DNS,
refused, TLS handshake, HTTP 429, 401); after a timeout, a reset or a 5xx it becomes 'unknown' and
is never re-sent without --resend-unknown. Ctrl+C stops after the calls in flight; run again to
continue. A damaged journal stops the batch until 'fota batch repair <batch>' repairs it.

Exit codes: 0 sent (or paused after the pilot), 2 invalid input, refused before sending (checks
failed, nothing to send, a damaged journal) or not confirmed (nothing was done), 4 authentication, 5 network (nothing more was sent;
run again), 6 finished with some calls rejected, 7 stopped with 'unknown' calls that need a decision
(or stopped by you before finishing), 8 the batch is being sent by another process.

${CONNECTION_HELP}
`;

function concurrencyOf(values: FlagValues): number {
  const text = stringFlag(values, 'concurrency');
  if (text === null) return DEFAULT_CONCURRENCY;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_CONCURRENCY) throw new UsageError(`--concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}, not '${text}'`);
  return Number(text);
}

/** Asks a question on standard error and reads one line of standard input. */
export async function ask(io: CliIo, question: string): Promise<string> {
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

/** How the confirmation names the connection's profile. */
export function profileNameOf(connection: Connection): string {
  return connection.profileName ?? 'connection from flags/environment';
}

/** The summary shown before confirming. */
function confirmationText(flow: SendFlow, connection: Connection, values: FlagValues, batchRef: string): string {
  const { session, batch, resumed } = flow.opened;
  const calls = session.calls;
  const checks = flow.checks;
  const lines = batchHeader(batch);
  lines.push(
    '',
    `Tenant: profile '${profileNameOf(connection)}', customer ID ${connection.identity.customerId}, licence ${licenseSuffix(connection.identity.license)}, ${connection.baseUrl}`,
  );
  lines.push(resumed ? `Continuing send ${session.sendId} (begun ${session.start.at} by ${session.start.by.user} on ${session.start.by.host}).` : `New send ${session.sendId}.`);
  for (const n of flow.notices) lines.push(`  note: ${n}`);
  const summary = flow.summary();
  lines.push(...summaryText(summary, `fota batch send '${batchRef}'`));
  if (session.start.pilotCalls > 0 && !session.pilotContinued) {
    const pilotSent = session.started && calls.filter((s) => s.call.pilot).every((s) => s.state !== 'pending');
    lines.push(
      !pilotSent ? `Pilot: the first ${plural(session.start.pilotCalls, 'call')}, then a pause for review.`
      : values['continue-pilot'] === true ? 'Pilot: sent; the rest follows now (--continue-pilot).'
      : 'Pilot: sent; the rest waits until you continue (--continue-pilot, or answer the question on a terminal).',
    );
  }
  const shown = calls.filter((s) => s.state !== 'accepted' || resumed).slice(0, 40);
  if (shown.length > 0) lines.push('', 'Calls:', ...shown.map(callLine));
  if (calls.length > shown.length) lines.push(`  … ${calls.length - shown.length} more (--json lists all)`);
  if (checks) {
    const l = checks.license;
    lines.push('', l ? `Licence now: ${l.licenseStatus ?? '?'}, type ${l.licenseType ?? '?'}, active ${l.activePeriod ?? '?'}, seats ${l.remainingQuantity ?? '?'} of ${l.purchasedQuantity ?? '?'} free` : 'Licence now: Samsung refused to report it (see the findings)');
    for (const r of checks.latest) {
      lines.push(`'Latest' for ${r.groupKey} is now ${r.firmware ?? 'nothing'}${r.firmware ? ` (${r.detail})` : ''}${values['pin-latest'] === true ? (r.firmware ? ' — will be pinned to the batch' : '') : ' — not pinned (--pin-latest pins it)'}`);
    }
    if (checks.findings.length > 0) lines.push(...findingsText(checks.findings));
  }
  if (flow.resend.length > 0) lines.push('', `Re-sending ${flow.resend.join(', ')}: these MAY already have reached Samsung. Re-sending can push the same update twice.`);
  lines.push('', NO_WITHDRAW);
  return `${lines.join('\n')}\n`;
}

// `batch send --json` names the error's class as its type (scripts may branch on it).
function failureCode(io: CliIo, error: unknown, json: boolean): ExitCode | null {
  const known = describeFailure(error);
  if (known.bug) return null;
  io.stderr(`fota batch send: ${known.text}${usageHint('batch send', error)}\n`);
  if (json) io.stdout(`${JSON.stringify({ ok: false, command: 'batch send', exitCode: known.exitCode, error: { type: error instanceof Error ? error.name : 'error', message: known.text } })}\n`);
  return known.exitCode;
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
  const include = includeOf(values);
  const both = resend.filter((id) => leave.includes(id));
  if (both.length > 0) throw new UsageError(`${both.join(', ')}: a call cannot be both re-sent and left`);

  const ctx = batchContext(io);
  const connection = await resolveConnection(values, io);
  let flow: SendFlow | null = null;
  try {
    const client = clientFor(connection, { log: commandLog(io) });
    flow = await SendFlow.open(
      { dataDir: ctx.dataDir, store: ctx.store, tracking: trackingOf(ctx), clock: ctx.clock, actor: ctx.actor },
      { batchRef: ref, client, tenant: { profile: profileNameOf(connection), customerId: connection.identity.customerId, license: connection.identity.license }, concurrency, include, leave, resend, replan },
    );
    for (const r of flow.replanned) {
      io.stdout(`${r.callId}: re-planned ${r.mode === 'without' ? `without ${r.removed.join(', ')} (now excluded from the batch)` : 'in halves'} as ${r.calls.join(', ') || 'nothing (every device was a culprit)'}\n`);
    }
    if (values.cancel === true) return await cancelSend(io, flow, connection, values, yes, json, ref);

    // With --json, standard output carries only the final object: the plan goes to standard error.
    (json ? io.stderr : io.stdout)(confirmationText(flow, connection, values, ref));
    const refused = flow.refusal();
    if (refused?.kind === 'nothing' && flow.session.started && (flow.summary().unknownWaiting.calls > 0 || leave.length > 0)) {
      // An unfinished send with nothing to send now: its calls waiting for a decision (or the one just taken) are the answer.
      return finish(io, await flow.run(), flow, json);
    }
    if (refused) {
      io.stderr(`fota batch send: refused before sending: ${refused.kind === 'checks' ? 'the checks above found errors.' : refused.message} Nothing was sent.\n`);
      if (json) io.stdout(`${JSON.stringify({ ok: false, command: 'batch send', exitCode: EXIT.invalidInput, reason: refused.kind, message: refused.message, summary: flow.summary(), findings: flow.checks?.findings ?? [] })}\n`);
      return EXIT.invalidInput;
    }
    if (!yes) {
      const answer = await ask(io, `Send to customer ID ${connection.identity.customerId} (licence ${licenseSuffix(connection.identity.license)}) now? Type 'yes' to send: `);
      if (answer.toLowerCase() !== 'yes') return reportNothingDone(io, 'batch send', 'not confirmed: nothing was sent.', json);
    }
    await flow.start({ pinLatest: values['pin-latest'] === true });
    return await runWithProgress(io, flow, values, json);
  } finally {
    await flow?.close();
    await connection.close();
  }
}

async function runWithProgress(io: CliIo, flow: SendFlow, values: FlagValues, json: boolean): Promise<ExitCode> {
  const session = flow.session;
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
    const outcome = await flow.run();
    printer.end();
    return finish(io, outcome, flow, json);
  } finally {
    running = false;
    off();
    offPilot();
  }
}

function finish(io: CliIo, outcome: SendOutcome, flow: SendFlow, json: boolean): ExitCode {
  const code = exitFor(outcome);
  const opened = flow.opened;
  if (json) {
    io.stdout(`${JSON.stringify({
      ok: code === EXIT.ok,
      command: 'batch send',
      exitCode: code,
      batch: { id: opened.batch.id, name: opened.batch.name },
      sendId: opened.session.sendId,
      resumed: opened.resumed,
      notices: flow.notices,
      summary: flow.summary(),
      confirmed: flow.confirmed,
      outcome: { reason: outcome.reason, detail: outcome.detail, counts: outcome.counts, journal: outcome.journalFile },
      calls: opened.session.calls.map(callJson),
    })}\n`);
  } else {
    io.stdout(outcomeText(outcome, opened.batch.name, flow.summary()));
  }
  return code;
}

async function cancelSend(io: CliIo, flow: SendFlow, connection: Connection, values: FlagValues, yes: boolean, json: boolean, ref: string): Promise<ExitCode> {
  const session = flow.session;
  if (!session.started) {
    io.stdout(`Nothing to cancel: batch '${flow.opened.batch.name}' has no unfinished send.\n`);
    return EXIT.ok;
  }
  (json ? io.stderr : io.stdout)(confirmationText(flow, connection, values, ref));
  const pending = session.calls.filter((s) => s.state === 'pending').length;
  if (!yes) {
    const answer = await ask(io, `Cancel the ${plural(pending, 'call')} not yet sent? ${NO_WITHDRAW} Type 'yes' to cancel: `);
    if (answer.toLowerCase() !== 'yes') return reportNothingDone(io, 'batch send', 'not confirmed: nothing was cancelled.', json);
  }
  await flow.cancel();
  return finish(io, await flow.run(), flow, json);
}

const send: Command = {
  name: 'batch send',
  summary: 'send a prepared batch (journalled, safe retries, resumable; open force updates held back)',
  help: SEND_HELP,
  async run(args, io) {
    const json = args.includes('--json');
    try {
      return await sendBatch(args, io);
    } catch (error) {
      const code = failureCode(io, error, json);
      if (code === null) throw error;
      return code;
    }
  },
};

/** `fota batch send`. */
export const command: Command = send;

// What `fota batch plan`, `fota batch send` and the direct `fota force-update` / `fota schedule`
// print about a send: the summary (the same numbers everywhere: calls and devices to send, unknown
// calls, devices held back with the force updates that hold them), each call, progress, the outcome
// and its exit code, and the `--include-open` flag they share. Not a command itself.
import { formatGmt } from '../../../common/efota/dates.ts';
import { INCLUDE_NONE, openPushText, summaryLine, type IncludeOpen, type OpenPush, type SendSummary } from '../../../common/batch/send-summary.ts';
import { normaliseSerial } from '../../../common/efota/normalise.ts';
import type { CallStatus, SendCounts } from '../../batches/journal-state.ts';
import type { SendEvent, SendPhase } from '../../batches/send-events.ts';
import { summarise, type SendOutcome } from '../../batches/send-outcome.ts';
import { plural } from '../../../common/plural.ts';
import { UsageError } from '../command.ts';
import type { FlagValues } from '../connection-types.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';

/** How many held-back devices a listing shows before "… N more". */
const LIST_LIMIT = 40;

/** The flags that take a list of values after one flag (`--include-open A B C`). */
export const LIST_FLAGS = ['--resend-unknown', '--leave-unknown', '--replan', '--include-open'] as const;

/** The `--include-open` option (parseArgs). */
export const INCLUDE_OPEN_OPTION = { 'include-open': { type: 'string', multiple: true } } as const;
/** The `--include-open` lines of a command's help. */
export const INCLUDE_OPEN_HELP = `  --include-open SERIAL…    send these devices although their latest push (a force update of any
                            batch, send or direct command here) is still open: they may be pushed
                            twice. Without it they are held back. 'all' includes every such device`;

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

/** The values of a repeated flag. */
export function listFlag(values: FlagValues, name: string): string[] {
  const v = values[name];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** `--include-open` as the send flow takes it. */
export function includeOf(values: FlagValues): IncludeOpen {
  const given = listFlag(values, 'include-open');
  if (given.length === 0) return INCLUDE_NONE;
  if (given.some((v) => v.toLowerCase() === 'all')) {
    if (given.length > 1) throw new UsageError("--include-open all includes every device with an open push; do not list serials with it");
    return { all: true, serials: [] };
  }
  const serials = given.map(normaliseSerial);
  const bad = serials.filter((s) => !/^[A-Z0-9]{1,100}$/.test(s));
  if (bad.length > 0) throw new UsageError(`--include-open: '${bad[0] ?? ''}' is not a serial number (letters and digits only), nor 'all'`);
  return { all: false, serials };
}

function pushLine(p: OpenPush): string {
  return `  ${p.serial}  ${openPushText(p)}, sent ${formatGmt(Date.parse(p.at))}`;
}

/** The summary and the held-back (and included) devices with the force updates that hold them. */
export function summaryText(s: SendSummary, command: string): string[] {
  const lines = [`Send: ${summaryLine(s)}.`];
  if (s.heldBack.length > 0) {
    lines.push(`Held back — their latest push is still open, so they are NOT sent (${s.heldBack.length}):`);
    lines.push(...s.heldBack.slice(0, LIST_LIMIT).map(pushLine));
    if (s.heldBack.length > LIST_LIMIT) lines.push(`  … ${s.heldBack.length - LIST_LIMIT} more (--json lists all)`);
    lines.push(`  To push them anyway (they may be pushed twice): ${command} --include-open SERIAL… (or --include-open all)`);
  }
  if (s.includedOpen.length > 0) {
    lines.push(`Included although their latest push is still open — they MAY BE PUSHED TWICE (${s.includedOpen.length}):`);
    lines.push(...s.includedOpen.slice(0, LIST_LIMIT).map(pushLine));
    if (s.includedOpen.length > LIST_LIMIT) lines.push(`  … ${s.includedOpen.length - LIST_LIMIT} more (--json lists all)`);
  }
  return lines;
}

/** One call as a line. */
export function callLine(s: CallStatus): string {
  const c = s.call;
  const what = c.operation === 'forceUpdate' ? plural(c.serials.length, 'device') : `group ${c.groupId ?? ''}`;
  const result =
    s.state === 'accepted' ? `accepted${s.forceUpdateId ? ` — forceUpdateId ${s.forceUpdateId}` : ''}`
    : s.state === 'rejected' ? `rejected ${s.code ?? ''}${s.local ? ' (refused before sending)' : ''}${s.replacedBy.length > 0 ? `, re-planned as ${s.replacedBy.join(', ')}` : ''}`
    : s.state === 'unknown' ? `UNKNOWN${s.left ? ' (left by the admin)' : ''}`
    : s.state === 'pending' ? 'not sent yet'
    : s.state === 'cancelled' ? `cancelled${s.message ? ` (${s.message})` : ''}`
    : s.state;
  return `  ${c.id}  ${c.operation} ${what}, target ${c.target}${c.pilot ? ' [pilot]' : ''}: ${result}`;
}

/** One call as JSON. */
export function callJson(s: CallStatus): Record<string, unknown> {
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

/** Calls answered or settled so far (every state but pending and sending). */
function callsDone(c: SendCounts): number {
  return c.accepted + c.rejected + c.unknown + c.unknownLeft + c.cancelled;
}

/** The running counts of a send, as a line without a terminal ends: `sent 3, accepted 3, failed 0, unknown 0`. */
export function runningCounts(c: SendCounts): string {
  const sent = c.accepted + c.rejected + c.unknown + c.unknownLeft;
  return `sent ${sent}, accepted ${c.accepted}, failed ${c.rejected}, unknown ${c.unknown + c.unknownLeft}${c.cancelled > 0 ? `, cancelled ${c.cancelled}` : ''}`;
}

// Without a terminal (a log file, a pipe), each phase worth telling in words; the others are
// followed by the outcome, which says it all.
const PHASE_LINES: Partial<Record<SendPhase, string>> = {
  pausing: 'pausing after the calls in flight',
  'pilot-paused': 'pilot sent: paused for review',
  stopping: 'stopping after the calls in flight',
};

/** Turns progress events into a bar (terminal) or one plain line per call with running counts. */
export function progressPrinter(io: CliIo, json: boolean): { listener: (e: SendEvent) => void; end: () => void } {
  const bar = io.stdoutIsTty && !json;
  const say = json ? io.stderr : io.stdout;
  let drawn = false;
  const draw = (c: SendCounts, phase: string): void => {
    const done = callsDone(c);
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
            const c = e.counts;
            line(`call ${callsDone(c)}/${c.calls} ${e.callId} ${plural(e.devices, 'device')}: ${e.state}${e.forceUpdateId ? ` forceUpdateId ${e.forceUpdateId}` : ''}${e.code ? ` ${e.code}` : ''} (${runningCounts(c)})${e.message ? ` — ${e.message}` : ''}`);
          }
          break;
        case 'phase': {
          const words = PHASE_LINES[e.phase];
          if (bar) draw(e.counts, e.phase);
          else if (words !== undefined) line(`${words} (${runningCounts(e.counts)})`);
          break;
        }
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

/** The exit code of a send's outcome. */
export function exitFor(outcome: SendOutcome): ExitCode {
  if (outcome.reason === 'journal') return EXIT.internal;
  if (outcome.unknown.length > 0) return EXIT.unknownCalls;
  if (outcome.reason === 'auth') return EXIT.auth;
  if (outcome.reason === 'network' || outcome.reason === 'throttled') return EXIT.network;
  if (outcome.reason === 'stopped') return EXIT.unknownCalls;
  if (outcome.rejected.length > 0) return EXIT.someRejected;
  return EXIT.ok;
}

/** Samsung cannot withdraw what it accepted: said wherever the admin can cancel. */
export const NO_WITHDRAW = 'Samsung cannot withdraw an update it has accepted: accepted calls stay accepted whatever happens next.';

/** The outcome in words, with what to do next. */
export function outcomeText(outcome: SendOutcome, batchName: string, summary: SendSummary): string {
  const lines = [`Send ${outcome.reason}: ${summarise(outcome.counts)}; ${outcome.counts.devicesAccepted} devices accepted.`, `Journal: ${outcome.journalFile}`];
  if (summary.heldBack.length > 0) lines.push(`${plural(summary.heldBack.length, 'device')} held back (their latest push is still open): not sent.`);
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

// `fota force-update` and `fota schedule` are sends like any other: each becomes a one-call batch
// (stored, named after the command and the time) sent through the send flow of `fota batch send` and
// the window — the same journal, history, audit log and hold-back of devices whose latest push is
// still open — so `fota device SERIAL` and the window's look-up find it. Not a command itself.
import type { ParseArgsConfig } from 'node:util';
import type { Clock } from '../../../common/clock.ts';
import { BATCH_SCHEMA_VERSION, type Batch, type BatchGroup } from '../../../common/batch/model.ts';
import type { OperationName } from '../../../common/efota/operations.ts';
import type { Finding } from '../../../common/efota/finding.ts';
import { firstError, validateRequest, type RequestFields } from '../../../common/efota/request.ts';
import { normaliseElement } from '../../../common/efota/rules.ts';
import { isElementName } from '../../../common/efota/elements.ts';
import { FudError } from '../../efota/errors.ts';
import { explainFud } from '../../efota/fud.ts';
import type { EfotaIdentity } from '../../efota/types.ts';
import { newBatchId } from '../../batches/ids.ts';
import { SendFlow } from '../../services/send-flow.ts';
import type { Command } from '../command.ts';
import { clientFor, commandLog, CONNECTION_HELP, parseCommandArgs, resolveConnection } from '../connection.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { reportFailure } from '../failure.ts';
import { printSuccess, type OperationInput } from '../output.ts';
import { batchContext, trackingOf, type BatchContext } from './batch-context.ts';
import { profileNameOf } from './batch-send.ts';
import { expandListFlags, includeOf, INCLUDE_OPEN_HELP, INCLUDE_OPEN_OPTION, summaryText } from './send-format.ts';

/** What a direct command was answered, as its output shows it. */
export interface DirectResult {
  /** Samsung's id of a force update; null for a schedule */
  readonly forceUpdateId: string | null;
  /** the one-call batch that records it */
  readonly batch: { readonly id: string; readonly name: string };
}

/** One direct command. */
export interface DirectSpec {
  readonly name: 'force-update' | 'schedule';
  readonly summary: string;
  /** usage and what it does; the --include-open and connection help are appended */
  readonly help: string;
  readonly operation: Extract<OperationName, 'forceUpdate' | 'serverInit'>;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  readonly positionals: { readonly min: number; readonly max: number; readonly what: string };
  /** checks the command's own input (UsageError) before any connection is made */
  readonly check: (input: OperationInput) => void;
  /** the request's fields, as Samsung's rules check them */
  readonly fields: (input: OperationInput) => RequestFields;
  /** the one group of the batch and its devices */
  readonly group: (input: OperationInput) => { readonly group: BatchGroup; readonly serials: readonly string[] };
  /** the batch's name (a time and the subject are added to make it unique) */
  readonly title: (input: OperationInput) => string;
  readonly human: (result: DirectResult, input: OperationInput) => string;
  readonly json: (result: DirectResult, input: OperationInput) => unknown;
}

/** Refuses a request Samsung would refuse, before anything is stored or sent (the client's own rules and FUD codes). */
function refuseLocally(op: OperationName, identity: EfotaIdentity, fields: RequestFields, clock: Clock): Finding[] {
  const record: Record<string, string | readonly string[]> = { mdmId: identity.mdmId, customerId: identity.customerId, license: identity.license };
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    record[name] = typeof value === 'string' ? (isElementName(name) ? normaliseElement(name, value) : value) : value.map((v) => normaliseElement('serialNumber', v));
  }
  const findings = validateRequest(op, record, clock);
  const blocking = firstError(findings);
  if (blocking) {
    throw new FudError({
      operation: op,
      explanation: blocking.fud ? explainFud(blocking.fud) : { code: 'LOCAL_CHECK', httpStatus: null, category: null, cause: blocking.message, remedy: 'Correct the value and send again.' },
      httpStatus: null,
      local: true,
      findings: findings.filter((f) => f.severity === 'error'),
      detail: blocking.message,
    });
  }
  return findings.filter((f) => f.severity === 'warning');
}

async function storeBatch(ctx: BatchContext, spec: DirectSpec, input: OperationInput, customerId: string): Promise<Batch> {
  const { group, serials } = spec.group(input);
  const stamp = { at: new Date(ctx.clock.now()).toISOString(), by: ctx.actor };
  const batch: Batch = {
    schemaVersion: BATCH_SCHEMA_VERSION,
    id: newBatchId(),
    name: `${spec.title(input)} ${stamp.at.slice(0, 19).replace('T', ' ')}`.slice(0, 90),
    notes: `Sent with 'fota ${spec.name}' by ${ctx.actor.user} on ${ctx.actor.host}.`,
    customerId,
    created: stamp,
    edited: stamp,
    sources: [],
    devices: serials.map((serial) => ({ serial, model: group.model, salesCode: group.salesCode })),
    excluded: [],
    groups: [group],
    pilot: null,
    abnormalCheck: null,
    takenBack: [],
    handoff: null,
  };
  return ctx.store.createWithFreeName(batch);
}

async function run(spec: DirectSpec, args: readonly string[], io: CliIo): Promise<ExitCode> {
  const json = args.includes('--json');
  const input = parseCommandArgs(expandListFlags(args), { ...spec.options, ...INCLUDE_OPEN_OPTION }, spec.positionals);
  spec.check(input);
  const include = includeOf(input.values);
  const connection = await resolveConnection(input.values, io);
  try {
    const ctx = batchContext(io);
    const warnings = refuseLocally(spec.operation, connection.identity, spec.fields(input), ctx.clock);
    for (const w of warnings) io.stderr(`fota ${spec.name}: warning: ${w.message}\n`);
    const stored = await storeBatch(ctx, spec, input, connection.identity.customerId);
    const client = clientFor(connection, { log: commandLog(io) });
    const flow = await SendFlow.open(
      { dataDir: ctx.dataDir, store: ctx.store, tracking: trackingOf(ctx), clock: ctx.clock, actor: ctx.actor },
      { batchRef: stored.id, client, tenant: { profile: profileNameOf(connection), customerId: connection.identity.customerId, license: connection.identity.license }, concurrency: 1, include, recheck: false },
    );
    const result: DirectResult = { forceUpdateId: null, batch: { id: stored.id, name: stored.name } };
    try {
      const summary = flow.summary();
      if (summary.heldBack.length > 0 || summary.includedOpen.length > 0) io.stderr(`${summaryText(summary, `fota ${spec.name} …`).join('\n')}\n`);
      const refused = flow.refusal();
      if (refused) {
        // Nothing was sent: the batch that would have recorded it goes again.
        await flow.close();
        await ctx.store.remove(stored.id);
        io.stderr(`fota ${spec.name}: refused before sending: ${refused.message} Nothing was sent.\n`);
        if (json) io.stdout(`${JSON.stringify({ ok: false, command: spec.name, exitCode: EXIT.invalidInput, error: { type: 'held-back', message: refused.message }, summary })}\n`);
        return EXIT.invalidInput;
      }
      await flow.start({ pinLatest: false });
      await flow.run();
      const call = flow.session.calls[0];
      if (!call) throw new Error('the one-call batch has no call');
      if (call.state === 'accepted') {
        const done = { ...result, forceUpdateId: call.forceUpdateId };
        printSuccess(io, json, spec.human(done, input), { command: spec.name, operation: spec.operation, result: spec.json(done, input), batch: done.batch });
        return EXIT.ok;
      }
      if (call.state === 'pending') {
        // Nothing reached Samsung (credentials, network): the call is cancelled so the batch never sends it later by surprise.
        await flow.cancel();
        await flow.run();
      }
      const code = reportFailure(io, spec.name, flow.session.lastError(call.call.id), json) ?? EXIT.internal;
      if (call.state === 'unknown') {
        io.stderr(`fota ${spec.name}: the call is recorded as 'unknown' in batch '${stored.name}' (id ${stored.id}); until you decide (fota batch send ${stored.id} --resend-unknown or --leave-unknown), its devices count as pushed and are held back.\n`);
      }
      return code;
    } finally {
      await flow.close();
    }
  } finally {
    await connection.close();
  }
}

/** A Command that sends one direct operation as a one-call batch. */
export function directSendCommand(spec: DirectSpec): Command {
  return {
    name: spec.name,
    summary: spec.summary,
    help: `${spec.help.trimEnd()}\n${INCLUDE_OPEN_HELP}\n\nRecorded like a batch: the call is a one-call batch named after the command and the time (listed by\n'fota batch list'), with its journal, the history ('fota device SERIAL' finds it) and the audit log.\n\n${CONNECTION_HELP}\n`,
    async run(args, io) {
      const json = args.includes('--json');
      try {
        return await run(spec, args, io);
      } catch (error) {
        const code = reportFailure(io, spec.name, error, json);
        if (code === null) throw error;
        return code;
      }
    },
  };
}

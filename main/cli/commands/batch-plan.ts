// `fota batch plan <batch>`: the dry run. Shows every call, device and target, the licence as last
// seen, and — when online — runs abnormalDeviceList on every serial and moves reported ones to the
// Excluded list. Nothing is sent.
import type { Command } from '../command.ts';
import { clientFor, commandLog, CONNECTION_HELP, CONNECTION_OPTIONS, resolveConnection } from '../connection.ts';
import type { FlagValues } from '../connection-types.ts';
import { EXIT } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { MAX_SERIALS_PER_CALL } from '../../../common/batch/plan.ts';
import { dryRun, type DryRunConnection } from '../../batches/preview-inputs.ts';
import { adoptionNotice } from '../../practice/practice-fleet.ts';
import { classifyError, type ErrorKind } from '../../services/error-kinds.ts';
import { batchContext, onePositional, openPushesOf, parseFlags, printJson, reportStoreProblems, tenantFacts } from './batch-context.ts';
import { guardCommand } from '../failure.ts';
import { previewText } from './batch-format.ts';
import { expandListFlags, includeOf, INCLUDE_OPEN_HELP, INCLUDE_OPEN_OPTION } from './send-format.ts';

const HELP = `fota batch plan — the dry run of a batch: what it will do, before anything is sent

Usage: fota batch plan <batch> [--offline] [--include-open SERIAL…|all] [--profile NAME] [--json]
                       [connection flags]

  <batch>          the batch's name or id
  --offline        skip the abnormal-device check (everything else works offline)
${INCLUDE_OPEN_HELP}
  --profile NAME   use this profile's licence facts instead of the active profile's
  --json           print { batch, plan, preview } as one JSON object (preview.summary: the numbers
                   'fota batch send' will show and send)

Shows the calls (at most ${MAX_SERIALS_PER_CALL} serials each, pilot calls first), the devices, each group's target
and scope (a scheduled group reaches every device of its registered group, not just the imported
ones; its window in GMT and local time), the licence's status, type and expiry as last fetched (and
whether it ends inside a schedule window), and every warning and error. The plan is the next send's:
devices an earlier send of the batch pushed are left out, an unfinished send shows the calls it has
left (and its 'unknown' calls), and every device whose latest push anywhere in this data folder is
still open (sent, processing or unknown) is held back and listed with the forceUpdateId that holds
it, exactly as 'fota batch send' will do.

Online, abnormalDeviceList is asked about every serial (${MAX_SERIALS_PER_CALL} per call). Reported serials (Not
Enrolled, Blocked, Insufficient License, or any other category) move to the batch's Excluded list,
because one of them makes Samsung refuse its whole call (FUD_3031); take one back with
'fota batch include <batch> <serial>'. Offline (or without credentials) the check is skipped and the
preview says when it last ran.

Exit codes: 0 ready to send, 2 the preview has errors, nothing is left to send, a send journal of
the batch is damaged (repair it with 'fota batch repair'), or invalid input. Nothing is ever sent.

${CONNECTION_HELP}
`;

// The failures of resolving a profile's connection that mean "no usable connection here".
const OFFLINE_KINDS: ReadonlySet<ErrorKind> = new Set<ErrorKind>(['invalid-input', 'not-found', 'too-new', 'busy', 'unreadable', 'auth', 'no-credentials', 'keychain']);

/** Opens the connection for the abnormal check, or says why the check runs offline. */
async function connect(values: FlagValues, io: CliIo, batchCustomerId: string): Promise<{ connection: DryRunConnection; close: () => Promise<void> }> {
  const offline = (reason: string): { connection: DryRunConnection; close: () => Promise<void> } => ({ connection: { kind: 'offline', reason }, close: () => Promise.resolve() });
  if (values['offline'] === true) return offline('--offline');
  let conn;
  try {
    conn = await resolveConnection(values, io);
  } catch (error) {
    // Without connection flags, "no credentials here" simply means working offline; a flag the admin
    // did give that is wrong must be said, not silently ignored.
    const explicit = Object.keys(CONNECTION_OPTIONS).some((flag) => flag !== 'json' && values[flag] !== undefined);
    const failure = classifyError(error);
    if (OFFLINE_KINDS.has(failure.kind) && !explicit) return offline(`no connection: ${failure.message}`);
    throw error;
  }
  if (conn.identity.customerId !== batchCustomerId) {
    await conn.close();
    return offline(`the connection is for customer ID ${conn.identity.customerId}, the batch for ${batchCustomerId}`);
  }
  const client = clientFor(conn, { log: commandLog(io) });
  return { connection: { kind: 'online', source: client, practiceFleet: conn.practiceFleet ?? null }, close: () => conn.close() };
}

/** The dry-run command. */
export const command: Command = {
  name: 'batch plan',
  summary: 'dry run: the calls, devices, targets, licence and warnings of a batch (sends nothing)',
  help: HELP,
  run: (args, io) =>
    guardCommand(io, 'batch plan', async () => {
      const { values, positionals } = parseFlags(expandListFlags(args), { ...CONNECTION_OPTIONS, ...INCLUDE_OPEN_OPTION, offline: { type: 'boolean' }, profile: { type: 'string' } });
      const ref = onePositional(positionals, 'batch name or id');
      const include = includeOf(values as FlagValues);
      const ctx = batchContext(io);
      const batch = ctx.store.find(ref);
      const facts = await tenantFacts(ctx, io, 'batch plan', values.profile);
      const sameTenant = facts.tenant.customerId === batch.customerId;
      if (!sameTenant) {
        io.stderr(`fota batch plan: note: the batch is for customer ID ${batch.customerId}, but profile '${facts.tenant.profileName}' is for ${facts.tenant.customerId}; its licence facts are not shown. Switch profile (fota profile use NAME) to see them.\n`);
      }
      const { connection, close } = await connect(values as FlagValues, io, batch.customerId);
      try {
        if (connection.kind === 'online' && !values.json) {
          const calls = Math.ceil(new Set(batch.devices.map((d) => d.serial)).size / MAX_SERIALS_PER_CALL);
          io.stderr(`Checking ${batch.devices.length} serials with abnormalDeviceList (${calls} call${calls === 1 ? '' : 's'})…\n`);
        }
        const result = await dryRun({
          store: ctx.store,
          batchId: batch.id,
          license: sameTenant ? facts.license : null,
          connection,
          dataDir: ctx.dataDir,
          openPushes: await openPushesOf(ctx, io, 'batch plan'),
          include,
          clock: ctx.clock,
        });
        if (values.json) printJson(io, { batch: result.batch, plan: result.plan, preview: result.preview });
        else io.stdout(previewText(result.preview, result.plan, `fota batch plan '${ref}'`));
        reportStoreProblems(ctx, io, 'batch plan');
        const practiceNotice = result.practice ? adoptionNotice(result.practice) : null;
        if (practiceNotice !== null) io.stderr(`fota batch plan: ${practiceNotice}\n`);
        const nothing = result.preview.summary.nothingToSend;
        if (nothing !== null && result.preview.sendable) io.stderr(`fota batch plan: ${nothing}\n`);
        return result.preview.sendable && nothing === null ? EXIT.ok : EXIT.invalidInput;
      } finally {
        await close();
      }
    }),
};

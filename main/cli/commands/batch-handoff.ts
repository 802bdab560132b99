// `fota batch export <batch> -o file.fotabatch` and `fota batch import file.fotabatch`: hand a batch
// prepared on one workstation (often offline) to another that sends it.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { canonicalJson } from '../../../common/batch/digest.ts';
import { adoptHandoff, exportHandoffFile, HANDOFF_EXTENSION, MAX_HANDOFF_BYTES, readHandoff } from '../../../common/batch/handoff.ts';
import type { Batch } from '../../../common/batch/model.ts';
import { INCLUDE_NONE } from '../../../common/batch/send-summary.ts';
import { UsageError, type Command } from '../command.ts';
import { EXIT } from '../exit-codes.ts';
import { newBatchId } from '../../batches/ids.ts';
import { dryRun } from '../../batches/preview-inputs.ts';
import { writeFileAtomic } from '../../store/safe-file.ts';
import { StorageError } from '../../store/storage-error.ts';
import { practiceLabel, PRACTICE_MARK } from '../../practice/practice-profile.ts';
import { batchContext, onePositional, openPushesOf, parseFlags, printJson, PRACTICE_CUSTOMER_ID, reportStoreProblems, stampNow, tenantFacts } from './batch-context.ts';
import { OUTPUT_OPTIONS, outputFlag } from '../file-flags.ts';
import { guardCommand } from '../failure.ts';
import { previewText, stampText } from './batch-format.ts';
import { userPath } from '../user-path.ts';

const exportCommand: Command = {
  name: 'batch export',
  summary: 'write a batch to a .fotabatch hand-off file',
  help: `fota batch export — write a batch to a .fotabatch file for another workstation

Usage: fota batch export <batch> -o FILE.fotabatch [--force] [--json]

  <batch>        the batch's name or id
  -o, --output   the file to write (not overwritten unless --force)
  --force        replace an existing file
  --json         print { file, sha256, practice, batch } instead of text

The file holds the batch, its plan, who prepared it (OS user, host, time) and the tenant's customer
ID — never credentials. Its SHA-256 detects accidental damage in transit; it is NOT a signature:
anyone can edit the file and recompute it, so the importer shows who prepared it. A batch of the
practice tenant says PRACTICE in its first line; the file keeps exactly the name given.
`,
  run: (args, io) =>
    guardCommand(io, 'batch export', async () => {
      const { values, positionals } = parseFlags(args, { ...OUTPUT_OPTIONS, force: { type: 'boolean' }, json: { type: 'boolean' } });
      const ref = onePositional(positionals, 'batch name or id');
      const output = outputFlag(values);
      if (!output) throw new UsageError(`give the file to write with -o FILE${HANDOFF_EXTENSION}`);
      const ctx = batchContext(io);
      const batch = ctx.store.find(ref);
      const practice = batch.customerId === PRACTICE_CUSTOMER_ID;
      // Exactly the file asked for (a script looks for it there); practice data is marked inside it.
      const file = userPath(io, output);
      if (existsSync(file) && !values.force) throw new UsageError(`${file} already exists; choose another name or add --force to replace it`);
      const { text, sha256 } = await exportHandoffFile(batch, stampNow(ctx), practice ? { practiceLabel: practiceLabel() } : {});
      try {
        writeFileAtomic(file, text);
      } catch (error) {
        if (error instanceof StorageError) throw error;
        throw new UsageError(`cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}); check the folder exists and is writable`);
      }
      if (values.json) printJson(io, { file, sha256, practice, batch: { id: batch.id, name: batch.name, customerId: batch.customerId } });
      else {
        io.stdout(`Wrote ${file}${practice ? ` (${PRACTICE_MARK} data: its first line says so)` : ''}\n  batch '${batch.name}' (id ${batch.id}), ${batch.devices.length} devices, customer ID ${batch.customerId}\n  SHA-256 ${sha256} (detects damage in transit; not a signature)\n`);
        if (!file.endsWith(HANDOFF_EXTENSION)) io.stderr(`fota batch export: note: the file name does not end in ${HANDOFF_EXTENSION}; the window's import dialog looks for that extension.\n`);
      }
      reportStoreProblems(ctx, io, 'batch export');
      return EXIT.ok;
    }),
};

/** Same batch content, ignoring where it came from (the hand-off stamp differs per import). */
function sameContent(a: Batch, b: Batch): boolean {
  return canonicalJson({ ...a, handoff: null }) === canonicalJson({ ...b, handoff: null });
}

const importCommand: Command = {
  name: 'batch import',
  summary: 'import a .fotabatch hand-off file (checked, then stored)',
  help: `fota batch import — import a batch from a .fotabatch hand-off file

Usage: fota batch import FILE.fotabatch [--profile NAME] [--name NEW] [--as-new] [--json]

  --profile NAME   check against this profile instead of the active one
  --name NEW       store it under another name (names are unique)
  --as-new         store it with a new id when a different batch with the same id exists
  --json           print { batch, preparedBy, plan, preview } instead of text

The file is refused — each with its own message, and nothing is stored — when it is empty, cut off
(truncated), not JSON, not a hand-off file, written by a newer FOTA Desk, damaged (its SHA-256 does
not match; the checksum is not a signature), not a valid batch, or for another customer ID than the
profile's (switch profile with 'fota profile use NAME' first). Otherwise it shows who prepared it,
where and when, the tenant and the full plan, and re-validates everything with the E-FOTA rules
(errors are listed and block sending; import itself succeeds). Exit 0 when stored, 2 when refused.
`,
  run: (args, io) =>
    guardCommand(io, 'batch import', async () => {
      const { values, positionals } = parseFlags(args, { profile: { type: 'string' }, name: { type: 'string' }, 'as-new': { type: 'boolean' }, json: { type: 'boolean' } });
      const given = onePositional(positionals, `${HANDOFF_EXTENSION} file`);
      const file = userPath(io, given);
      let text: string;
      try {
        if (statSync(file).size > MAX_HANDOFF_BYTES) throw new UsageError(`${file}: the file is larger than ${MAX_HANDOFF_BYTES / 1024 / 1024} MiB; it is not a FOTA Desk hand-off file`);
        text = readFileSync(file, 'utf8');
      } catch (error) {
        if (error instanceof UsageError) throw error;
        throw new UsageError(`${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      }
      const ctx = batchContext(io);
      const facts = await tenantFacts(ctx, io, 'batch import', values.profile);
      const read = await readHandoff(text, { customerId: facts.tenant.customerId, profileName: facts.tenant.profileName, clock: ctx.clock });
      if (!read.ok) {
        io.stderr(`fota batch import: refused ${path.basename(file)}: ${read.message}\n${read.details.map((d) => `  ${d}\n`).join('')}`);
        if (values.json) printJson(io, { imported: false, problem: read.problem, message: read.message, details: read.details });
        return EXIT.invalidInput;
      }
      let batch = adoptHandoff(read.file, path.basename(file), stampNow(ctx));
      const existing = ctx.store.get(batch.id);
      if (existing && sameContent(existing, batch)) {
        io.stdout(`Batch '${existing.name}' (id ${existing.id}) is already here with the same content; nothing changed.\n`);
        if (values.json) printJson(io, { imported: false, alreadyPresent: true, batch: { id: existing.id, name: existing.name } });
        return EXIT.ok;
      }
      if (existing && !values['as-new']) {
        throw new UsageError(`a different batch with id ${batch.id} ('${existing.name}') is already stored here. Add --as-new to import this one under a new id.`);
      }
      if (existing) batch = { ...batch, id: newBatchId() };
      if (values.name !== undefined) {
        if (values.name.trim() === '') throw new UsageError('--name must not be blank');
        batch = { ...batch, name: values.name.trim() };
      }
      const stored = await ctx.store.create(batch);
      const { plan, preview } = await dryRun({
        store: ctx.store,
        batchId: stored.id,
        license: facts.license,
        connection: { kind: 'offline', reason: 'import checks offline; run fota batch plan to check online' },
        dataDir: ctx.dataDir,
        openPushes: await openPushesOf(ctx, io, 'batch import'),
        include: INCLUDE_NONE,
        clock: ctx.clock,
      });
      const prepared = read.file.prepared;
      if (values.json) {
        printJson(io, { imported: true, batch: { id: stored.id, name: stored.name, customerId: stored.customerId }, prepared, practice: read.file.practice ?? null, plan, preview });
      } else {
        const lines = [
          ...(read.file.practice ? [read.file.practice, ''] : []),
          `Imported ${path.basename(file)} as batch '${stored.name}' (id ${stored.id}).`,
          `  prepared ${stampText(prepared)}`,
          `  tenant: customer ID ${stored.customerId} (profile '${facts.tenant.profileName}')`,
          `  checksum verified (it detects damage; it is not a signature — make sure you know who prepared this file)`,
          '',
        ];
        // The preview re-runs every rule of readHandoff's findings, plus the licence and schedule checks.
        io.stdout(`${lines.join('\n')}${previewText(preview, plan)}`);
      }
      reportStoreProblems(ctx, io, 'batch import');
      return EXIT.ok;
    }),
};

/** The hand-off commands. */
export const commands: Command[] = [exportCommand, importCommand];

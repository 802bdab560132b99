// `fota batch create <file...>`: a new batch from device files, prepared offline. Files go through
// the importer (rows with errors stay out, and the command says how many and why), devices are
// grouped by model and sales code, and each group gets its target and mode.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseGroupRef, type BuildChoices, type ScheduleChoice } from '../../../common/batch/build.ts';
import type { Pilot } from '../../../common/batch/model.ts';
import { MAX_BATCH_NAME } from '../../../common/batch/parse.ts';
import { firstControl } from '../../../common/efota/characters.ts';
import { UsageError, type Command } from '../command.ts';
import { EXIT } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { createFromFiles, type FileBytes, type FileReport } from '../../batches/create.ts';
import { newBatchId } from '../../batches/ids.ts';
import { fileImporter, IMPORT_FILE_LIMIT_BYTES } from '../../services/file-importer.ts';
import { ImportMappingsService } from '../../services/import-mappings.ts';
import { parseMappingSpec, type ManualMapping } from '../../../common/import/index.ts';
import { batchContext, parseFlags, printJson, reportStoreProblems, stampNow, tenantFacts } from './batch-context.ts';
import { guardCommand } from '../failure.ts';
import { findingsText, sourceText } from './batch-format.ts';
import { userPath } from '../user-path.ts';

const HELP = `fota batch create — prepare an update batch from device files (works offline)

Usage:
  fota batch create <file...> --name NAME (--target T | --target-for MODEL:CSC=T ...) --network ANY|WIFIONLY
                    [--schedule-group G --start yyyymmdd --end yyyymmdd --from HH --to HH [--schedule-only MODEL:CSC ...]]
                    [--pilot K | --pilot first-call] [--notes TEXT] [--profile NAME] [--json]
                    [--model M --sales-code C] [--sheet NAME] [--map serial=COL,model=COL,salesCode=COL]

Files: CSV/TSV/text, XLSX or ODS, read by the same importer as 'fota import'. Rows with errors are left
out (the command says how many and why); a serial found with two different models or sales codes
in different files is left out too. Devices are grouped by model and sales code: one group, one
target, at most 100 serials per forceUpdate call.

Targets:
  --target T              for every group: Latest, or a firmware AP/CSC/CP copied from the firmware
                          list (a typed firmware whose AP part does not start with the model without
                          SM-/GT- gets a warning)
  --target-for MODEL:CSC=T   for one group (repeatable); overrides --target

Immediate groups (v2 forceUpdate, exactly these serials):
  --network WIFIONLY|ANY  WIFIONLY waits for Wi-Fi; ANY also uses mobile data (required)

Scheduled groups (v1 serverInit: no device list — Samsung pushes to EVERY device of the registered
group with that model and carrier code inside the window; no forceUpdateId comes back):
  --schedule-group G      the registered group
  --start/--end yyyymmdd  delivery dates, GMT (3 to 7 days apart)
  --from/--to HH          daily hours, GMT (1 to 12 hours apart)
  --schedule-only MODEL:CSC   schedule only these groups (repeatable); the others are immediate

Other:
  --pilot K               send the first K devices, then pause for review
  --pilot first-call      send the first call of each group, then pause
  --notes TEXT            free text kept with the batch
  --profile NAME          the tenant (default: the active profile)
  --model M --sales-code C, --sheet NAME, --map ...   passed to the importer (as for 'fota import'; a column mapping
                                                      remembered for the file's header row is used too)

Created and edited stamps record the OS user and host. Exit 0 created, 2 invalid input (nothing
stored). Then: 'fota batch plan NAME' for the dry run.
`;

function readFiles(names: readonly string[], io: CliIo): FileBytes[] {
  return names.map((name) => {
    const full = userPath(io, name);
    try {
      const size = statSync(full).size;
      if (size > IMPORT_FILE_LIMIT_BYTES) throw new UsageError(`${full}: the file is ${(size / 1024 / 1024).toFixed(1)} MiB; at most ${IMPORT_FILE_LIMIT_BYTES / 1024 / 1024} MiB can be imported. Split it into smaller files.`);
      // A control character in a file name (possible on Linux) would make the batch unwritable.
      return { fileName: path.basename(full).replace(/\p{Cc}/gu, '?'), bytes: new Uint8Array(readFileSync(full)) };
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`${full}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
  });
}

function parsePilot(value: string | undefined): Pilot | null {
  if (value === undefined) return null;
  if (/^first[- ]?call$/i.test(value.trim())) return { kind: 'firstCallPerGroup' };
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new UsageError(`--pilot takes a number of devices (1 or more) or 'first-call', not '${value}'`);
  return { kind: 'devices', count: Number(value) };
}

function parseTargetFor(values: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const v of values) {
    const eq = v.indexOf('=');
    const key = eq > 0 ? parseGroupRef(v.slice(0, eq)) : null;
    const target = eq > 0 ? v.slice(eq + 1).trim() : '';
    if (!key || target === '') throw new UsageError(`--target-for takes MODEL:CSC=TARGET (e.g. SM-G991B:BTU=Latest), not '${v}'`);
    if (map.has(key)) throw new UsageError(`--target-for names ${key} twice`);
    map.set(key, target);
  }
  return map;
}

function parseSchedule(values: { 'schedule-group'?: string; start?: string; end?: string; from?: string; to?: string; 'schedule-only'?: string[] }): ScheduleChoice | null {
  const parts = { start: values.start, end: values.end, from: values.from, to: values.to };
  const given = Object.entries(parts).filter(([, v]) => v !== undefined).map(([k]) => `--${k}`);
  if (values['schedule-group'] === undefined) {
    if (given.length > 0 || values['schedule-only']) throw new UsageError(`${[...given, ...(values['schedule-only'] ? ['--schedule-only'] : [])].join(', ')} need --schedule-group G (the registered group Samsung pushes to)`);
    return null;
  }
  const missing = Object.entries(parts).filter(([, v]) => v === undefined).map(([k]) => `--${k}`);
  if (missing.length > 0) throw new UsageError(`a schedule needs ${missing.join(', ')} (dates yyyymmdd and hours HH, GMT)`);
  const only = values['schedule-only']?.map((ref) => {
    const key = parseGroupRef(ref);
    if (!key) throw new UsageError(`--schedule-only takes MODEL:CSC (e.g. SM-T830:XAR), not '${ref}'`);
    return key;
  }) ?? null;
  return {
    groupId: values['schedule-group'],
    window: { startDate: (parts.start ?? '').trim(), endDate: (parts.end ?? '').trim(), startHour: (parts.from ?? '').trim(), endHour: (parts.to ?? '').trim() },
    only,
  };
}

function fileLines(r: FileReport): string[] {
  if (r.fileProblem !== null) return [`  ${r.fileName}: not imported — ${r.fileProblem}`];
  const lines = [`  ${r.fileName}: ${r.rowsRead} row${r.rowsRead === 1 ? '' : 's'} read, ${r.devices.length} device${r.devices.length === 1 ? '' : 's'}${r.warningRows ? ` (${r.warningRows} rows with warnings)` : ''}${r.rejectedRows ? `, ${r.rejectedRows} row${r.rejectedRows === 1 ? '' : 's'} left out because of errors:` : ''}`];
  for (const e of r.errors.slice(0, 20)) lines.push(`      ${e}`);
  if (r.errors.length > 20 || r.rejectedRows > r.errors.length) lines.push(`      … see 'fota import ${r.fileName}' for every finding`);
  return lines;
}

/** The create command. */
export const command: Command = {
  name: 'batch create',
  summary: 'prepare an update batch from device files (offline)',
  help: HELP,
  run: (args, io) =>
    guardCommand(io, 'batch create', async () => {
      const { values, positionals } = parseFlags(args, {
        name: { type: 'string' },
        notes: { type: 'string' },
        target: { type: 'string' },
        'target-for': { type: 'string', multiple: true },
        network: { type: 'string' },
        'schedule-group': { type: 'string' },
        start: { type: 'string' },
        end: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        'schedule-only': { type: 'string', multiple: true },
        pilot: { type: 'string' },
        profile: { type: 'string' },
        model: { type: 'string' },
        'sales-code': { type: 'string' },
        sheet: { type: 'string' },
        map: { type: 'string' },
        json: { type: 'boolean' },
      });
      if (positionals.length === 0) throw new UsageError('give at least one device file (CSV, TSV, text or XLSX)');
      const name = values.name?.trim() ?? '';
      if (name === '') throw new UsageError('give the batch a name with --name');
      if (name.length > MAX_BATCH_NAME || firstControl(name) !== null) throw new UsageError(`--name must be 1 to ${MAX_BATCH_NAME} characters on one line`);
      const notes = values.notes ?? '';
      if (notes.length > 10_000) throw new UsageError('--notes must be at most 10,000 characters');
      const network = values.network === undefined ? null : values.network.trim().toUpperCase();
      if (network !== null && network !== 'WIFIONLY' && network !== 'ANY') throw new UsageError(`--network is WIFIONLY or ANY, not '${values.network ?? ''}'`);
      const targetFor = parseTargetFor(values['target-for'] ?? []);
      if (values.target === undefined && targetFor.size === 0) throw new UsageError('give a target: --target Latest (or a firmware), or --target-for MODEL:CSC=TARGET per group');
      const schedule = parseSchedule(values);
      const pilot = parsePilot(values.pilot);
      let mapping: ManualMapping | undefined;
      try {
        mapping = values.map === undefined ? undefined : parseMappingSpec(values.map);
      } catch (error) {
        throw new UsageError(`--map: ${error instanceof Error ? error.message : String(error)}`);
      }
      const files = readFiles(positionals, io);
      const ctx = batchContext(io);
      const remembered = new ImportMappingsService(ctx.dataDir, ctx.clock, (movedTo, problem) =>
        io.stderr(`fota batch create: the remembered column mappings could not be read (${problem}); they were moved to ${movedTo}.\n`),
      );
      const importer = fileImporter({ model: values.model, salesCode: values['sales-code'], sheet: values.sheet, mapping, remembered });
      const facts = await tenantFacts(ctx, io, 'batch create', values.profile);
      const stamp = stampNow(ctx);
      const choices: BuildChoices = {
        id: newBatchId(),
        name,
        notes,
        customerId: facts.tenant.customerId,
        stamp,
        target: values.target ?? null,
        targetFor,
        network: network ?? 'WIFIONLY',
        schedule,
        pilot,
        firmwareFor: (model, salesCode) => facts.firmwareFor(model, salesCode),
      };
      const { reports, build } = await createFromFiles(files, importer, choices, ctx.clock);
      const fileText = ['Files:', ...reports.flatMap(fileLines)];
      if (!build.ok) {
        if (values.json) printJson(io, { created: false, files: reports.map(reportJson), problems: build.problems, findings: build.findings });
        io.stderr(`${fileText.join('\n')}\nfota batch create: the batch was not created:\n${build.problems.map((p) => `  ${p}`).join('\n')}\n`);
        return EXIT.invalidInput;
      }
      const immediateGroups = build.batch.groups.filter((g) => g.mode.kind === 'immediate');
      if (immediateGroups.length > 0 && network === null) {
        throw new UsageError(`choose --network WIFIONLY (wait for Wi-Fi) or ANY (also mobile data) for the immediate group${immediateGroups.length === 1 ? '' : 's'} ${immediateGroups.map((g) => `${g.model}/${g.salesCode}`).join(', ')}`);
      }
      if (immediateGroups.length === 0 && network !== null) io.stderr('fota batch create: note: --network is ignored: scheduled groups (serverInit) have no network type.\n');
      const stored = await ctx.store.create(build.batch);
      if (values.json) {
        printJson(io, { created: true, batch: stored, files: reports.map(reportJson), repeated: build.repeated, conflicts: build.conflicts, findings: build.findings });
      } else {
        const lines = [...fileText];
        if (build.repeated > 0) lines.push(`  ${build.repeated} repeated device${build.repeated === 1 ? '' : 's'} across files kept once`);
        for (const c of build.conflicts) lines.push(`  left out: serial ${c.serial} appears as ${c.seenAs.map((s) => `${s.model}/${s.salesCode} in ${s.fileName}`).join(' and as ')} — fix the files and create again`);
        lines.push('', `Created batch '${stored.name}' (id ${stored.id}) for customer ID ${stored.customerId} (profile '${facts.tenant.profileName}'): ${stored.devices.length} devices in ${stored.groups.length} group${stored.groups.length === 1 ? '' : 's'}.`);
        for (const g of stored.groups) {
          const count = stored.devices.filter((d) => d.model === g.model && d.salesCode === g.salesCode).length;
          const mode = g.mode.kind === 'immediate' ? `immediate, ${g.mode.network}` : `SCHEDULED for all devices of group ${g.mode.groupId} (${count} imported serials for information)`;
          lines.push(`  ${g.model}/${g.salesCode}: ${count} devices, target ${g.target}${sourceText(g.targetSource)}, ${mode}`);
        }
        if (build.findings.length > 0) lines.push('', ...findingsText(build.findings));
        lines.push('', `Next: fota batch plan ${JSON.stringify(stored.name)}   (the dry run; nothing has been sent)`);
        io.stdout(`${lines.join('\n')}\n`);
      }
      reportStoreProblems(ctx, io, 'batch create');
      return EXIT.ok;
    }),
};

function reportJson(r: FileReport): Omit<FileReport, 'devices'> & { devices: number } {
  return { ...r, devices: r.devices.length };
}

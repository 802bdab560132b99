// `fota profile add|list|show|use|edit|remove|reset-practice`: the connection profiles shared with
// the window. Settings changes are locked and re-read, so the window and scripts can run alongside.
import { readFileSync, statSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { flagError, UsageError, type Command } from '../command.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { guardCommand, reportNothingDone } from '../failure.ts';
import { practiceSummary, profileContext, type ProfileContext } from '../cli-profile-connection.ts';
import { deleteProfileSecrets } from '../../auth/secret-store.ts';
import { KeychainUnavailableError } from '../../auth/keychain-unavailable.ts';
import { parseCaPem } from '../../store/ca-pem.ts';
import { profileFolder } from '../../store/data-folder.ts';
import { formatAgo } from '../../../common/batch/time-text.ts';
import { describeServerInitSalesCode, knownFirmwareLists, lastLicenseInfo, serverInitSalesCode } from '../../store/facts.ts';
import { buildProfile, PRACTICE_PROFILE_ID, type ProfileInput, type ProfileRecord } from '../../store/profile-schema.ts';
import { dropSecretOnRetarget } from '../../auth/secret-binding.ts';
import { activeProfile, addProfile, dismissNotices, editProfile, findProfile, removeProfile, useProfile } from '../../store/profiles.ts';
import type { Settings } from '../../store/settings-schema.ts';
import { resetPracticeTenant } from '../../practice/practice-tenant.ts';
import { userPath } from '../user-path.ts';

const CONNECTION_FLAGS = `  --base-url URL        E-FOTA base URL (default https://eu-api.samsungknox.com)
  --mdm-id ID           MDM ID (partner vendor ID)
  --customer-id ID      customer ID from SLM
  --license KEY         E-FOTA licence key
  --client-id ID        client id of the REST API key (the secret is stored by 'fota login')
  --ca FILE             extra CA certificate(s), PEM, trusted for this profile only (on top of the system roots)`;

const HELP = `fota profile — connection profiles (one per Knox tenant), shared with the FOTA Desk window

Usage:
  fota profile add NAME --mdm-id ID --customer-id ID --license KEY [--client-id ID] [--base-url URL] [--ca FILE] [--use]
  fota profile list [--json] [--dismiss-notices]
  fota profile show [NAME] [--json]
  fota profile use NAME
  fota profile edit NAME [--name NEW] [connection flags] [--no-ca]
  fota profile remove NAME [--yes]
  fota profile reset-practice [--yes]

Connection flags:
${CONNECTION_FLAGS}

The client secret is never a flag: store it with 'fota login --profile NAME' (OS keychain only).
'practice' is the built-in profile (a demo tenant in a local simulator); it is active until you add
a profile of your own. Operation commands use the active profile, or --profile NAME, when no
connection flags are given.
`;

const connectionOptions = {
  'base-url': { type: 'string' },
  'mdm-id': { type: 'string' },
  'customer-id': { type: 'string' },
  license: { type: 'string' },
  'client-id': { type: 'string' },
  ca: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: O, maxPositionals: number) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw flagError(error);
  }
  if (parsed.positionals.length > maxPositionals) throw new UsageError(`unexpected argument '${parsed.positionals[maxPositionals] ?? ''}'`);
  return parsed;
}

const MAX_CA_BYTES = 1024 * 1024;

/** Reads a `--ca FILE` (PEM, at most 1 MiB) relative to where the user ran the command (also used by `fota team connect`). */
export function readCaFile(file: string, io: CliIo): string {
  const full = userPath(io, file);
  let text: string;
  try {
    if (statSync(full).size > MAX_CA_BYTES) throw new UsageError(`--ca ${full}: the file is larger than 1 MiB; it should hold a few PEM certificates`);
    text = readFileSync(full, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--ca ${full}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return text;
}

function connectionInput(values: Record<string, string | boolean | undefined>, io: CliIo): ProfileInput {
  const text = (key: string): string | undefined => (typeof values[key] === 'string' ? values[key] : undefined);
  const ca = text('ca');
  return {
    baseUrl: text('base-url'),
    mdmId: text('mdm-id'),
    customerId: text('customer-id'),
    license: text('license'),
    clientId: text('client-id'),
    caPem: values['no-ca'] === true ? '' : ca === undefined ? undefined : readCaFile(ca, io),
  };
}

async function secretState(context: ProfileContext, profileId: string): Promise<'stored' | 'missing' | 'keychain unavailable'> {
  try {
    return (await context.secrets.get(profileId, 'clientSecret')) === null ? 'missing' : 'stored';
  } catch (error) {
    if (error instanceof KeychainUnavailableError) return 'keychain unavailable';
    throw error;
  }
}

function caSummary(pem: string | undefined): string {
  if (!pem) return 'none (system roots only)';
  const parsed = parseCaPem(pem);
  if (!parsed.ok) return `unreadable (${parsed.problem})`;
  return parsed.certificates.map((c) => `${c.subject.replace(/\n/g, ', ')} (until ${c.validTo})`).join('; ');
}

function noticeLines(settings: Settings): string[] {
  return settings.notices.map(
    (n) => `! ${n.at}: the settings file could not be read (${n.problem}); it was moved aside to ${n.movedTo} and defaults were loaded. Dismiss with 'fota profile list --dismiss-notices'.`,
  );
}

function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

const add: Command = {
  name: 'profile add',
  summary: 'add a connection profile (a Knox tenant)',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parse(args, { ...connectionOptions, use: { type: 'boolean' }, json: { type: 'boolean' } }, 1);
    const name = positionals[0];
    if (!name) throw new UsageError('give the profile a name: fota profile add NAME --mdm-id … --customer-id … --license …');
    return guardCommand(io, 'profile add', async () => {
      const context = profileContext(io);
      const input = { ...connectionInput(values, io), name };
      const added = await addProfile(context.settings, input, { use: values.use === true, now: Date.now() });
      if (values.json) {
        printJson(io, { profile: publicProfile(added.profile), active: added.active });
        return EXIT.ok;
      }
      io.stdout(`Added profile '${added.profile.name}' (${added.profile.id}) for ${added.profile.baseUrl}.\n`);
      if (added.active) io.stdout(`It is now the active profile.\n`);
      io.stdout(`Next: fota login --profile "${added.profile.name}"${added.profile.clientId ? '' : ' --client-id <id>'}   (stores the client secret in the OS keychain)\n`);
      return EXIT.ok;
    });
  },
};

/** A profile as shown to people and scripts. */
interface PublicProfile {
  readonly id: string;
  readonly name: string;
  readonly baseUrl: string;
  readonly mdmId: string;
  readonly customerId: string;
  readonly license: string;
  readonly clientId: string | null;
  readonly extraCa: string | null;
  readonly createdAt: string;
}

/** A profile as shown to people and scripts (the record holds no secret; the CA is summarised). */
function publicProfile(p: ProfileRecord): PublicProfile {
  return { id: p.id, name: p.name, baseUrl: p.baseUrl, mdmId: p.mdmId, customerId: p.customerId, license: p.license, clientId: p.clientId ?? null, extraCa: p.caPem ? caSummary(p.caPem) : null, createdAt: p.createdAt };
}

const list: Command = {
  name: 'profile list',
  summary: 'list the connection profiles and which one is active',
  help: HELP,
  async run(args, io) {
    const { values } = parse(args, { json: { type: 'boolean' }, 'dismiss-notices': { type: 'boolean' } }, 0);
    return guardCommand(io, 'profile list', async () => {
      const context = profileContext(io);
      const settings = await context.settings.load();
      const active = activeProfile(settings);
      const activeId = active === PRACTICE_PROFILE_ID ? PRACTICE_PROFILE_ID : active.id;
      const rows = [];
      for (const p of settings.profiles) rows.push({ ...publicProfile(p), active: p.id === activeId, clientSecret: await secretState(context, p.id) });
      if (values.json) {
        printJson(io, { dataFolder: context.dataDir, active: activeId, practice: { id: PRACTICE_PROFILE_ID, active: activeId === PRACTICE_PROFILE_ID }, profiles: rows, notices: settings.notices });
      } else {
        for (const line of noticeLines(settings)) io.stdout(`${line}\n`);
        io.stdout(`${activeId === PRACTICE_PROFILE_ID ? '*' : ' '} practice  (built in: demo tenant in a local simulator, no Samsung credentials needed)\n`);
        for (const r of rows) {
          io.stdout(`${r.active ? '*' : ' '} ${r.name}  (${r.id})  ${r.baseUrl}  mdmId ${r.mdmId}  client secret: ${r.clientSecret}\n`);
        }
        io.stdout(`Data folder: ${context.dataDir}\n`);
      }
      if (values['dismiss-notices']) await dismissNotices(context.settings);
      return EXIT.ok;
    });
  },
};

const show: Command = {
  name: 'profile show',
  summary: 'show one profile (default: the active one) with its last known licence and firmware lists',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parse(args, { json: { type: 'boolean' } }, 1);
    return guardCommand(io, 'profile show', async () => {
      const context = profileContext(io);
      const settings = await context.settings.load();
      const profile = positionals[0] === undefined ? activeProfile(settings) : findProfile(settings, positionals[0]);
      const id = profile === PRACTICE_PROFILE_ID ? PRACTICE_PROFILE_ID : profile.id;
      const now = Date.now();
      const license = lastLicenseInfo(settings, id, now);
      const firmware = knownFirmwareLists(settings, id, now);
      const details =
        profile === PRACTICE_PROFILE_ID
          ? { ...practiceSummary(), id, name: PRACTICE_PROFILE_ID, practice: true }
          : { ...publicProfile(profile), practice: false, clientSecret: await secretState(context, profile.id) };
      const salesCode = serverInitSalesCode(settings, id);
      const facts = {
        license: license ? { fetchedAt: license.fact.at, ageMs: license.ageMs, value: license.fact.value } : null,
        firmwareLists: firmware.map((f) => ({ model: f.fact.model, salesCode: f.fact.salesCode, fetchedAt: f.fact.at, ageMs: f.ageMs, value: f.fact.value })),
        serverInitSalesCode: salesCode ? { element: salesCode.element, seenAt: salesCode.at } : null,
      };
      const folder = profileFolder(context.dataDir, id);
      if (values.json) {
        printJson(io, { ...details, active: id === settings.activeProfileId || (id === PRACTICE_PROFILE_ID && activeProfile(settings) === PRACTICE_PROFILE_ID), dataFolder: folder, lastKnown: facts });
        return EXIT.ok;
      }
      for (const [key, value] of Object.entries(details)) io.stdout(`${key.padEnd(14)} ${value === null ? '—' : String(value)}\n`);
      io.stdout(`${'data folder'.padEnd(14)} ${folder}\n`);
      io.stdout(`${'licence info'.padEnd(14)} ${license ? `fetched ${license.fact.at} (${formatAgo(license.ageMs)})` : 'never fetched (run fota license)'}\n`);
      for (const f of firmware) io.stdout(`${'firmware list'.padEnd(14)} ${f.fact.model} / ${f.fact.salesCode}: fetched ${f.fact.at} (${formatAgo(f.ageMs)})\n`);
      io.stdout(`${'schedule code'.padEnd(14)} ${describeServerInitSalesCode(salesCode)}\n`);
      return EXIT.ok;
    });
  },
};

const use: Command = {
  name: 'profile use',
  summary: 'make a profile the active one',
  help: HELP,
  async run(args, io) {
    const { positionals } = parse(args, {}, 1);
    const ref = positionals[0];
    if (!ref) throw new UsageError('name the profile: fota profile use NAME (see fota profile list)');
    return guardCommand(io, 'profile use', async () => {
      const chosen = await useProfile(profileContext(io).settings, ref);
      io.stdout(`Active profile: ${chosen === PRACTICE_PROFILE_ID ? 'practice (demo tenant in a local simulator)' : `${chosen.name} (${chosen.baseUrl})`}\n`);
      return EXIT.ok;
    });
  },
};

const edit: Command = {
  name: 'profile edit',
  summary: 'change a profile (rename, other licence, extra CA …)',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parse(args, { ...connectionOptions, name: { type: 'string' }, 'no-ca': { type: 'boolean' } }, 1);
    const ref = positionals[0];
    if (!ref) throw new UsageError('name the profile: fota profile edit NAME --license NEW …');
    if (values['no-ca'] && values.ca !== undefined) throw new UsageError('give either --ca FILE or --no-ca, not both');
    return guardCommand(io, 'profile edit', async () => {
      const context = profileContext(io);
      const input = { ...connectionInput(values, io), name: values.name };
      const settings = await context.settings.load();
      const saved = findProfile(settings, ref);
      if (saved === PRACTICE_PROFILE_ID) throw new UsageError('the practice profile is built in and cannot be changed');
      // Checked before anything changes; a new base URL or client ID first loses the stored secret,
      // which is only ever sent to the server and client it was saved for.
      const next = buildProfile(input, { otherNames: settings.profiles.filter((p) => p.id !== saved.id).map((p) => p.name), now: Date.now(), existing: saved });
      const dropped = await dropSecretOnRetarget(context.secrets, saved, next);
      const changed = await editProfile(context.settings, saved.id, input, Date.now());
      io.stdout(`Updated profile '${changed.name}' (${changed.id}).\n`);
      if (dropped) {
        io.stdout(
          `The client secret stored for it was removed: a secret is only ever sent to the server and client ID it was saved for.\n` +
            `Store it again (checked with ${changed.baseUrl} first): fota login --profile "${changed.name}"\n`,
        );
      }
      return EXIT.ok;
    });
  },
};

async function confirm(io: CliIo, question: string): Promise<boolean> {
  io.stderr(`${question} [y/N] `);
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: io.stdin, terminal: false });
  try {
    const answer = await rl.question('');
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

const remove: Command = {
  name: 'profile remove',
  summary: 'remove a profile and its keychain entries (its history stays)',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parse(args, { yes: { type: 'boolean' } }, 1);
    const ref = positionals[0];
    if (!ref) throw new UsageError('name the profile: fota profile remove NAME');
    return guardCommand(io, 'profile remove', async () => {
      const context = profileContext(io);
      const found = findProfile(await context.settings.load(), ref);
      if (found === PRACTICE_PROFILE_ID) throw new UsageError('the practice profile is built in and cannot be removed (to start it afresh: fota profile reset-practice)');
      if (!values.yes) {
        if (!io.stdinIsTty) throw new UsageError(`add --yes to remove profile '${found.name}' without a question`);
        if (!(await confirm(io, `Remove profile '${found.name}' and its client secret from the keychain?`))) return reportNothingDone(io, 'profile remove', 'not confirmed: nothing removed.', false);
      }
      // Keychain first: if the keychain cannot be reached, the profile stays so the secret is never orphaned.
      const deleted = await deleteProfileSecrets(context.secrets, found.id);
      const removed = await removeProfile(context.settings, found.id);
      io.stdout(`Removed profile '${removed.profile.name}'${deleted > 0 ? ' and its client secret from the keychain' : ''}. Its history stays in ${profileFolder(context.dataDir, removed.profile.id)}.\n`);
      if (removed.wasActive) io.stdout(`It was the active profile; 'practice' is active now. Choose another with: fota profile use NAME\n`);
      return EXIT.ok;
    });
  },
};

const resetPractice: Command = {
  name: 'profile reset-practice',
  summary: 'restore the practice tenant to its demo state',
  help: HELP,
  async run(args, io) {
    const { values } = parse(args, { yes: { type: 'boolean' } }, 0);
    return guardCommand(io, 'profile reset-practice', async () => {
      if (!values.yes) {
        if (!io.stdinIsTty) throw new UsageError('add --yes to reset the practice tenant without a question');
        if (!(await confirm(io, 'Restore the practice tenant to its demo state (practice force updates are forgotten)?'))) return reportNothingDone(io, 'profile reset-practice', 'not confirmed: nothing was reset.', false);
      }
      const context = profileContext(io);
      await resetPracticeTenant(context.dataDir);
      io.stdout('The practice tenant is back to its demo state.\n');
      return EXIT.ok;
    });
  },
};

const overview: Command = {
  name: 'profile',
  summary: 'connection profiles: add, list, show, use, edit, remove, reset-practice',
  help: HELP,
  async run(args, io): Promise<ExitCode> {
    io.stderr(args.length === 0 ? HELP : `fota profile: unknown sub-command '${args[0] ?? ''}'.\n\n${HELP}`);
    return EXIT.invalidInput;
  },
};

/** The profile sub-commands. */
export const commands: Command[] = [overview, add, list, show, use, edit, remove, resetPractice];

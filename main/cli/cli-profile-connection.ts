// The CLI side of profiles: the data folder, settings and secret store of a command, and the
// connection of the active (or named) profile that every operation command uses when no connection
// flags are given. Their failures are classified and worded like every other (main/cli/failure.ts).
import type { CliIo } from './io.ts';
import { currentDataFolder } from '../store/data-folder.ts';
import { openSettings } from '../store/open-settings.ts';
import { isPackagedRuntime } from '../store/packaged.ts';
import type { SettingsFile } from '../store/settings-file.ts';
import { openSecretStore } from '../auth/open-secret-store.ts';
import type { SecretStore } from '../auth/secret-store.ts';
import type { OperationName } from '../../common/efota/operations.ts';
import { UsageError } from './command.ts';
import type { Connection, FlagValues } from './connection-types.ts';
import { connectStoredProfile, type ProfileConnection } from '../auth/profile-connection.ts';
import { recordFirmwareList, recordLicenseInfo, salesCodeMemory } from '../store/facts.ts';
import { PRACTICE_PROFILE_ID } from '../store/profile-schema.ts';
import { activeProfile, findProfile } from '../store/profiles.ts';
import { connectPractice, fleetAdopterOf } from '../practice/practice-connection.ts';
import { PRACTICE_MARK, practiceIdentity } from '../practice/practice-profile.ts';

/** The data folder, settings and keychain of this CLI process. */
export interface ProfileContext {
  readonly dataDir: string;
  readonly settings: SettingsFile;
  readonly secrets: SecretStore;
  readonly isPackaged: boolean;
}

/** Opens the context for one command; warns once when secrets are only kept in memory (tests). */
export function profileContext(io: CliIo): ProfileContext {
  const isPackaged = isPackagedRuntime();
  const dataDir = currentDataFolder(io.env, isPackaged);
  const settings = openSettings(dataDir, {
    onNotice: (n) => io.stderr(`fota: warning: the settings file could not be read (${n.problem}); it was moved to ${n.movedTo} and defaults were loaded. 'fota profile list' shows this until dismissed.\n`),
  });
  const secrets = openSecretStore({ env: io.env, isPackaged });
  if (secrets.backend === 'memory') io.stderr('fota: warning: client secrets are kept in memory only (FOTA_DESK_INSECURE_MEMORY_SECRETS=1, for tests).\n');
  return { dataDir, settings, secrets, isPackaged };
}

/** The practice profile as `fota profile show` describes it. */
export function practiceSummary(): Record<string, unknown> {
  const id = practiceIdentity();
  return {
    baseUrl: 'a simulator started in this process on 127.0.0.1 (its own CA, trusted for practice only)',
    mdmId: id.mdmId,
    customerId: id.customerId,
    license: id.license,
    clientId: `${id.clientId} (demo client, not a secret)`,
    exports: `file names and first rows say ${PRACTICE_MARK}`,
  };
}

// What picks the flags-and-environment path of resolveConnection instead of a profile.
const CONNECTION_FLAGS = ['base-url', 'ca', 'mdm-id', 'customer-id', 'license', 'token-stdin'] as const;
const CONNECTION_ENV = ['FOTA_TOKEN', 'FOTA_BASE_URL', 'FOTA_CA', 'FOTA_MDM_ID', 'FOTA_CUSTOMER_ID', 'FOTA_LICENSE'] as const;

/**
 * True when an operation command should use a profile: `--profile NAME` was given, or no connection
 * flag and no connection variable is. `--profile` together with connection flags is refused.
 */
export function usesProfile(values: FlagValues, io: CliIo): boolean {
  const flags = CONNECTION_FLAGS.filter((f) => values[f] !== undefined);
  if (typeof values['profile'] === 'string') {
    if (flags.length > 0) throw new UsageError(`--profile cannot be combined with ${flags.map((f) => `--${f}`).join(', ')}: a profile holds its own connection`);
    return true;
  }
  return flags.length === 0 && CONNECTION_ENV.every((name) => (io.env[name] ?? '').trim() === '');
}

/** The connection of `--profile NAME` or the active profile, for resolveConnection. */
export async function connectProfileForCli(
  values: FlagValues,
  io: CliIo,
  limits: { readonly timeoutMs: number | null; readonly connectTimeoutMs: number | null },
): Promise<Connection> {
  const context = profileContext(io);
  const settings = await context.settings.load();
  const ref = typeof values['profile'] === 'string' ? values['profile'] : null;
  const profile = ref === null ? activeProfile(settings) : findProfile(settings, ref);
  const options = { env: io.env, ...(limits.connectTimeoutMs !== null ? { connectTimeoutMs: limits.connectTimeoutMs } : {}) };
  const connection: ProfileConnection =
    profile === PRACTICE_PROFILE_ID
      ? await connectPractice(context.dataDir, { ...options, onNotice: (message) => io.stderr(`fota: warning: ${message}\n`) })
      : await connectStoredProfile(profile, context.secrets, options);
  const adopter = fleetAdopterOf(connection);
  if (connection.practice && ref === null) io.stderr(`fota: using the ${PRACTICE_MARK} profile (demo tenant in a local simulator). Add your own with 'fota profile add'.\n`);
  return {
    baseUrl: connection.baseUrl,
    identity: connection.identity,
    tokens: connection.tokens,
    fetch: connection.fetch,
    timeouts: limits.timeoutMs !== null ? { timeoutMs: limits.timeoutMs } : {},
    close: () => connection.close(),
    profileName: connection.profileName,
    ...(adopter ? { practiceFleet: adopter } : {}),
    salesCodeMemory: salesCodeMemory(context.settings, connection.profileId, Date.now, (problem) => io.stderr(`fota: warning: ${problem}\n`)),
    recordResult: (operation, input, result) => recordFacts(context, connection.profileId, operation, input, result, io),
  };
}

// Last known facts (licence, firmware lists) for offline work. A failure to record them never fails
// the command that fetched them: the admin is told and the result is still printed.
async function recordFacts(
  context: ProfileContext,
  profileId: string,
  operation: OperationName,
  input: { readonly values: FlagValues; readonly positionals: readonly string[] },
  result: unknown,
  io: CliIo,
): Promise<void> {
  try {
    if (operation === 'licenseInfo') await recordLicenseInfo(context.settings, profileId, result, Date.now());
    if (operation === 'firmwareList') {
      const current = input.values['current'];
      await recordFirmwareList(
        context.settings,
        profileId,
        { model: input.positionals[0] ?? '', salesCode: input.positionals[1] ?? '', currentFirmware: typeof current === 'string' ? current : undefined },
        result,
        Date.now(),
      );
    }
  } catch (error) {
    io.stderr(`fota: warning: could not keep this answer as the profile's last known facts: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}

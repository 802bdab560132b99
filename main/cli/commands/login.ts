// `fota login [--profile P] [--client-id ID]`: stores a profile's client secret in the OS keychain,
// after proving it with a token request. A secret that fails is not kept; one that works is stored
// in the keychain only (never a file, never a flag).
import { parseArgs } from 'node:util';
import { flagError, UsageError, type Command } from '../command.ts';
import { EXIT } from '../exit-codes.ts';
import { guardCommand } from '../failure.ts';
import { profileContext } from '../cli-profile-connection.ts';
import { proveCredentials } from '../../auth/profile-connection.ts';
import { promptSecret, readSecretFromPipe } from '../../auth/secret-input.ts';
import { PRACTICE_PROFILE_ID } from '../../store/profile-schema.ts';
import { activeProfile, editProfile, findProfile } from '../../store/profiles.ts';
import { isEfotaError } from '../../efota/errors.ts';
import { appLog } from '../../log/logger.ts';

const HELP = `fota login — store the client secret of a profile in the OS keychain

Usage: fota login [--profile NAME] [--client-id ID]

  --profile NAME    the profile (default: the active one)
  --client-id ID    the REST API key's client id (saved in the profile when given)

At a terminal the secret is asked for without echo. In a script, pipe it on stdin:
  printf '%s' "$SECRET" | fota login --profile "Acme EU"
The secret is first proved with a token request to the profile's server; only a secret that works
is stored, and only in the OS keychain (Windows Credential Manager, macOS Keychain, Linux Secret
Service). If the keychain is unavailable, nothing is stored anywhere.
`;

/** `fota login`. */
export const command: Command = {
  name: 'login',
  summary: "store a profile's client secret in the OS keychain (verified first)",
  help: HELP,
  async run(args, io) {
    let values;
    try {
      ({ values } = parseArgs({ args: [...args], options: { profile: { type: 'string' }, 'client-id': { type: 'string' } }, strict: true, allowPositionals: false }));
    } catch (error) {
      throw flagError(error);
    }
    return guardCommand(io, 'login', async () => {
      const context = profileContext(io);
      const settings = await context.settings.load();
      const profile = values.profile === undefined ? activeProfile(settings) : findProfile(settings, values.profile);
      if (profile === PRACTICE_PROFILE_ID) {
        io.stdout('The practice profile needs no login: its demo credentials are built in. Add your own with: fota profile add NAME …\n');
        return EXIT.ok;
      }
      const clientId = values['client-id']?.trim() || profile.clientId;
      if (!clientId) throw new UsageError(`profile '${profile.name}' has no client id yet: add --client-id ID (the REST API key's client id)`);
      // Ask the keychain first, so nobody types a secret that could not be stored anyway.
      await context.secrets.get(profile.id, 'clientSecret');
      const secret = io.stdinIsTty
        ? await promptSecret(io.stdin, io.stderr, `Client secret for '${profile.name}' (${clientId}): `)
        : await readSecretFromPipe(io.stdin);
      try {
        await proveCredentials(profile, clientId, secret, { env: io.env, log: appLog(context.dataDir, io.env) });
      } catch (error) {
        if (!isEfotaError(error)) throw error;
        io.stderr(`fota login: ${error.message}\nThe client secret was not stored.\n`);
        return error.type === 'auth' ? EXIT.auth : EXIT.network;
      }
      await context.secrets.set(profile.id, 'clientSecret', secret);
      if (clientId !== profile.clientId) await editProfile(context.settings, profile.id, { clientId }, Date.now());
      io.stdout(`Client secret of '${profile.name}' verified with ${profile.baseUrl} and stored in the ${context.secrets.backend === 'keychain' ? 'OS keychain' : 'test memory store'}.\n`);
      return EXIT.ok;
    });
  },
};

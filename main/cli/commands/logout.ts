// `fota logout [--profile P | --all]`: deletes client secrets from the OS keychain. Tokens are only
// ever in memory, so there is nothing else to forget; the profiles themselves stay.
import { parseArgs } from 'node:util';
import { flagError, UsageError, type Command } from '../command.ts';
import { EXIT } from '../exit-codes.ts';
import { guardCommand } from '../failure.ts';
import { profileContext } from '../cli-profile-connection.ts';
import { deleteProfileSecrets } from '../../auth/secret-store.ts';
import { PRACTICE_PROFILE_ID, type ProfileRecord } from '../../store/profile-schema.ts';
import { activeProfile, findProfile } from '../../store/profiles.ts';

const HELP = `fota logout — delete client secrets from the OS keychain

Usage: fota logout [--profile NAME | --all]

  --profile NAME   the profile (default: the active one)
  --all            every profile

The profiles stay; 'fota login' stores a secret again.
`;

/** `fota logout`. */
export const command: Command = {
  name: 'logout',
  summary: 'delete client secrets from the OS keychain',
  help: HELP,
  async run(args, io) {
    let values;
    try {
      ({ values } = parseArgs({ args: [...args], options: { profile: { type: 'string' }, all: { type: 'boolean' } }, strict: true, allowPositionals: false }));
    } catch (error) {
      throw flagError(error);
    }
    if (values.all && values.profile !== undefined) throw new UsageError('give either --profile NAME or --all, not both');
    return guardCommand(io, 'logout', async () => {
      const context = profileContext(io);
      const settings = await context.settings.load();
      let targets: ProfileRecord[];
      if (values.all) targets = [...settings.profiles];
      else {
        const profile = values.profile === undefined ? activeProfile(settings) : findProfile(settings, values.profile);
        if (profile === PRACTICE_PROFILE_ID) {
          io.stdout('The practice profile keeps no secret; nothing to do.\n');
          return EXIT.ok;
        }
        targets = [profile];
      }
      for (const profile of targets) {
        const deleted = await deleteProfileSecrets(context.secrets, profile.id);
        io.stdout(deleted > 0 ? `Deleted the client secret of '${profile.name}' from the keychain.\n` : `No client secret was stored for '${profile.name}'.\n`);
      }
      if (targets.length === 0) io.stdout('There are no profiles with secrets.\n');
      return EXIT.ok;
    });
  },
};

// A client secret belongs to one client at one token endpoint. FOTA Desk sends a stored secret only
// to the token endpoint of the profile's saved base URL, with its saved client ID: a test of a
// changed draft needs the secret typed again, and saving a changed base URL or client ID removes the
// stored secret first (so no later call can carry it to the new server). Known limit: someone who
// can edit settings.json by hand can still point a profile elsewhere; the keychain entry is not
// bound to the URL it was stored for.
import type { ProfileRecord } from '../store/profile-schema.ts';
import { deleteProfileSecrets, type SecretStore } from './secret-store.ts';

/** The part of a profile a stored secret is bound to. */
export type SecretTarget = Pick<ProfileRecord, 'baseUrl' | 'clientId'>;

/** True when a secret stored for `saved` may be sent for `next`: the same (normalised) base URL and client ID. */
export function sameSecretTarget(saved: SecretTarget, next: SecretTarget): boolean {
  return saved.baseUrl === next.baseUrl && (saved.clientId ?? '') === (next.clientId ?? '');
}

/** Why a stored secret is not used for a changed profile, and what to do. */
export const SECRET_STAYS_WITH_ITS_SERVER =
  'The base URL or client ID differs from the saved profile, and a stored client secret is only ever sent to the server and client it was saved for. Type the client secret again.';

/**
 * Before a profile's base URL or client ID changes: removes its stored secret (true when one was
 * there). Done before the change is saved, so a failure leaves the old profile with its secret,
 * never the new server with the old secret.
 */
export async function dropSecretOnRetarget(secrets: SecretStore, saved: ProfileRecord, next: SecretTarget): Promise<boolean> {
  if (sameSecretTarget(saved, next)) return false;
  return (await deleteProfileSecrets(secrets, saved.id)) > 0;
}

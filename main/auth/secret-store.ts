// Where the client secret lives: the OS keychain (keytar) and nowhere else. The account of a secret
// is `<profileId>:<kind>` under the service "FOTA Desk".

/** The service name every FOTA Desk keychain entry is filed under. */
export const KEYCHAIN_SERVICE = 'FOTA Desk';

/** The kinds of secret kept per profile. */
export const SECRET_KINDS = ['clientSecret'] as const;
/** One kind of secret: a profile's, or the team database password (owner `team-<workstation>`, main/team). */
export type SecretKind = (typeof SECRET_KINDS)[number] | 'dbPassword';

/** The keychain account of one secret of one profile. */
export function secretAccount(profileId: string, kind: SecretKind): string {
  return `${profileId}:${kind}`;
}

/** get/set/delete of per-profile secrets. */
export interface SecretStore {
  /** `keychain` for the OS keychain; `memory` only in tests */
  readonly backend: 'keychain' | 'memory';
  /** the stored secret, or null when there is none */
  get(profileId: string, kind: SecretKind): Promise<string | null>;
  /** stores (or replaces) a secret */
  set(profileId: string, kind: SecretKind, secret: string): Promise<void>;
  /** deletes a secret; true when one existed */
  delete(profileId: string, kind: SecretKind): Promise<boolean>;
}

/** Deletes every kind of secret of a profile (when the profile is removed or logged out). */
export async function deleteProfileSecrets(store: SecretStore, profileId: string): Promise<number> {
  let deleted = 0;
  for (const kind of SECRET_KINDS) if (await store.delete(profileId, kind)) deleted++;
  return deleted;
}

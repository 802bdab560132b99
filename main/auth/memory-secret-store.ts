// Secrets in this process's memory: for tests only, where no keychain may be touched. Chosen by an
// explicit flag (see open-secret-store.ts) that a packaged app ignores.
import { secretAccount, type SecretKind, type SecretStore } from './secret-store.ts';

/** A SecretStore in a Map; gone when the process ends. */
export class MemorySecretStore implements SecretStore {
  readonly backend = 'memory';
  readonly #secrets = new Map<string, string>();

  /** Reads a secret. */
  async get(profileId: string, kind: SecretKind): Promise<string | null> {
    return this.#secrets.get(secretAccount(profileId, kind)) ?? null;
  }

  /** Stores or replaces a secret. */
  async set(profileId: string, kind: SecretKind, secret: string): Promise<void> {
    this.#secrets.set(secretAccount(profileId, kind), secret);
  }

  /** Deletes a secret. */
  async delete(profileId: string, kind: SecretKind): Promise<boolean> {
    return this.#secrets.delete(secretAccount(profileId, kind));
  }
}

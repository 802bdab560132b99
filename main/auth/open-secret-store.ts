// Chooses the SecretStore: the OS keychain, always, except in a test run that asks for the
// in-memory store explicitly. A packaged app (and the CLI shipped inside it) ignores the flag, so a
// stray environment variable can never make a real installation keep secrets unprotected.
import { KeytarSecretStore } from './keytar-secret-store.ts';
import { MemorySecretStore } from './memory-secret-store.ts';
import type { SecretStore } from './secret-store.ts';

/** Set to `1` in tests to keep secrets in memory instead of the keychain (ignored when packaged). */
export const INSECURE_MEMORY_SECRETS_ENV = 'FOTA_DESK_INSECURE_MEMORY_SECRETS';

// One per process, so the CLI commands of one in-process test share what `login` stored.
let memory: MemorySecretStore | undefined;

/** The SecretStore for this process. */
export function openSecretStore(options: { readonly env: Readonly<Record<string, string | undefined>>; readonly isPackaged: boolean }): SecretStore {
  if (!options.isPackaged && options.env[INSECURE_MEMORY_SECRETS_ENV] === '1') {
    memory ??= new MemorySecretStore();
    return memory;
  }
  return new KeytarSecretStore();
}

// Chooses the SecretStore: the OS keychain, always, except in a test run that asks for the
// in-memory store explicitly. A packaged app (and the CLI shipped inside it) ignores the flag, so a
// stray environment variable can never make a real installation keep secrets unprotected.
import { KeytarSecretStore } from './keytar-secret-store.ts';
import { MemorySecretStore } from './memory-secret-store.ts';
import type { SecretStore } from './secret-store.ts';
import { registerSecret } from '../log/redactor.ts';

/** Set to `1` in tests to keep secrets in memory instead of the keychain (ignored when packaged). */
export const INSECURE_MEMORY_SECRETS_ENV = 'FOTA_DESK_INSECURE_MEMORY_SECRETS';

// One per process, so the CLI commands of one in-process test share what `login` stored.
let memory: MemorySecretStore | undefined;

/** The SecretStore for this process; every secret it reads or writes is registered with the log redactor. */
export function openSecretStore(options: { readonly env: Readonly<Record<string, string | undefined>>; readonly isPackaged: boolean }): SecretStore {
  if (!options.isPackaged && options.env[INSECURE_MEMORY_SECRETS_ENV] === '1') {
    memory ??= new MemorySecretStore();
    return redacting(memory);
  }
  return redacting(new KeytarSecretStore());
}

// A secret that entered the process can end up in an error or a log line; the logger redacts it
// only if it knows the value.
function redacting(store: SecretStore): SecretStore {
  return {
    backend: store.backend,
    get: async (profileId, kind) => {
      const secret = await store.get(profileId, kind);
      registerSecret(secret);
      return secret;
    },
    set: async (profileId, kind, secret) => {
      registerSecret(secret);
      await store.set(profileId, kind, secret);
    },
    delete: (profileId, kind) => store.delete(profileId, kind),
  };
}

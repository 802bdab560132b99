// SecretStore over keytar (Windows Credential Manager, macOS Keychain, Linux Secret Service).
// keytar is CommonJS with a native addon; it is loaded on first use so a missing or broken build is
// reported as a KeychainUnavailableError instead of crashing every command at import time.
import { createRequire } from 'node:module';
import { KeychainUnavailableError } from './keychain-unavailable.ts';
import { KEYCHAIN_SERVICE, secretAccount, type SecretKind, type SecretStore } from './secret-store.ts';

/** The part of keytar's API we use. */
interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

let loaded: Keytar | undefined;

function keytar(): Keytar {
  if (loaded) return loaded;
  try {
    loaded = createRequire(import.meta.url)('keytar') as Keytar;
  } catch (error) {
    throw new KeychainUnavailableError('module', error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error));
  }
  return loaded;
}

// keytar fails only when the keychain itself cannot serve us (no Secret Service, locked keychain,
// refused prompt); its messages come from the OS and never contain the secret.
async function guarded<T>(call: (api: Keytar) => Promise<T>): Promise<T> {
  const api = keytar(); // a load failure is already a KeychainUnavailableError('module')
  try {
    return await call(api);
  } catch (error) {
    throw new KeychainUnavailableError('unavailable', error instanceof Error ? error.message : String(error));
  }
}

/** The OS keychain. */
export class KeytarSecretStore implements SecretStore {
  readonly backend = 'keychain';

  /** Reads a secret. */
  get(profileId: string, kind: SecretKind): Promise<string | null> {
    return guarded((api) => api.getPassword(KEYCHAIN_SERVICE, secretAccount(profileId, kind)));
  }

  /** Stores or replaces a secret. */
  set(profileId: string, kind: SecretKind, secret: string): Promise<void> {
    return guarded((api) => api.setPassword(KEYCHAIN_SERVICE, secretAccount(profileId, kind), secret));
  }

  /** Deletes a secret. */
  delete(profileId: string, kind: SecretKind): Promise<boolean> {
    return guarded((api) => api.deletePassword(KEYCHAIN_SERVICE, secretAccount(profileId, kind)));
  }
}

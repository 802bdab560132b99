// Real services on a temporary data folder with secrets in memory (no keychain touched).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MemorySecretStore } from '../../../main/auth/memory-secret-store.ts';
import type { AppServices } from '../../../main/services/app-services.ts';
import { flushAppLogs } from '../../../main/log/logger.ts';
import { composeServices } from '../../../main/services/compose.ts';

/** Services over a fresh data folder, and a cleanup. */
export function tempServices(): { services: AppServices; secrets: MemorySecretStore; dataDir: string; dispose: () => Promise<void> } {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fota-ipc-'));
  const secrets = new MemorySecretStore();
  const services = composeServices({ dataDir, env: {}, transport: 'web', version: 'test', isPackaged: false, secrets });
  return {
    services,
    secrets,
    dataDir,
    dispose: async () => {
      await services.close();
      await flushAppLogs(); // the log writes in the background: let it finish before the folder goes
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

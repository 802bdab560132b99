// What the desktop shell asks of the page (`shell:request`): a device list or a `.fotabatch` file it
// read (native dialog, double-click), or Settings. Handled as a drop or a click in the page would be.
import type { ShellRequest } from '../../../common/contract.ts';
import { fota } from '../bridge/fota.ts';
import { useApp } from './app.ts';
import { useBatches } from './batches.ts';
import { useImport } from './import.ts';
import { useToasts } from './toast.ts';

/** Opens the text of a `.fotabatch` file: checked and stored by main, then shown in the builder. */
export async function importBatchFile(fileName: string, text: string): Promise<boolean> {
  const result = await fota().invoke['batches:import']({ fileName, text });
  const announce = useApp.getState().announce;
  if (!result.ok) {
    useToasts.getState().show({ title: `${fileName} was not opened`, body: `${result.error.message}${result.error.remedy ? ` ${result.error.remedy}` : ''}`, tone: 'warning', batchId: null });
    announce(`${fileName} was not opened: ${result.error.message}`);
    return false;
  }
  const { batch, prepared, alreadyPresent } = result.data;
  const who = `prepared by ${prepared.by.user} on ${prepared.by.host}, ${new Date(prepared.at).toLocaleString()}`;
  announce(alreadyPresent ? `Batch ${batch.name} is already here (${who}).` : `Batch ${batch.name} imported (${who}).`);
  await useBatches.getState().loadList();
  await useBatches.getState().open(batch.id);
  return true;
}

/** Performs a shell request; resolves once it was handed to the screen that shows it. */
export async function performShellRequest(request: ShellRequest): Promise<void> {
  const app = useApp.getState();
  if (request.kind === 'show-settings') {
    app.navigate('settings');
    return;
  }
  if (request.purpose === 'devices') {
    app.navigate('import');
    const bytes = request.bytes.slice();
    await useImport.getState().open({ kind: 'file', name: request.name, bytes: bytes.buffer });
    return;
  }
  await importBatchFile(request.name, new TextDecoder().decode(request.bytes));
}

/** Performs a shell request that arrived as an event (`shell:request`). */
export function handleShellRequest(request: ShellRequest): void {
  void performShellRequest(request);
}

/**
 * The last step of the page's start-up: takes what the shell asked for before the page listened (a
 * `.fotabatch` double-clicked to start FOTA Desk, a file opened on macOS with no window) and performs
 * it, in order. Later requests arrive as `shell:request` events.
 */
export async function receivePendingShellRequests(): Promise<void> {
  const result = await fota().invoke['shell:pendingRequests']();
  if (!result.ok) {
    useApp.getState().announce(`Files opened while FOTA Desk was starting could not be shown: ${result.error.message}`);
    return;
  }
  for (const request of result.data) await performShellRequest(request);
}

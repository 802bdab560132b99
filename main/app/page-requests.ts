// Requests from the shell to the page travel as the contract event `shell:request`. The channel is
// looked up at run time so the shell keeps working (and says so) until common/contract.ts declares it.
import { isEventChannel } from '../../common/contract.ts';
import type { EventBus } from '../ipc/events.ts';
import type { ShellRequest } from '../shell/desktop.ts';

/** The contract event carrying a ShellRequest. */
export const SHELL_REQUEST_CHANNEL = 'shell:request';

/** Sends `request` to the page; false when the contract has no such event (nothing was sent). */
export function requestPage(events: EventBus, request: ShellRequest): boolean {
  if (!isEventChannel(SHELL_REQUEST_CHANNEL)) return false;
  // The one untyped emit: the payload type is ShellRequest by construction.
  (events as unknown as { emit(channel: string, payload: unknown): void }).emit(SHELL_REQUEST_CHANNEL, request);
  return true;
}

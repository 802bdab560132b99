// The handler table: one handler per contract channel, shared by every transport (web mode, Electron's
// ipcMain). It is generated from the contract: each handler checks its payload with the channel's
// schema before the service of the same name sees it, and answers with a Result: expected failures
// travel as `{ code, message }` data, never as throws. No `electron` here: the transports adapt this table.
import { CONTRACT, INVOKE_CHANNELS, ok, type InvokeChannel, type InvokeRequest, type InvokeResponse, type Result } from '../../common/contract.ts';
import type { AppServices, ChannelService, ChannelServices } from '../services/app-services.ts';
import { toContractError } from '../services/contract-error.ts';
import { parsePayload } from './validate.ts';

/** One channel's handler: an untrusted payload in, a Result out; it never rejects. */
export type Handler<K extends InvokeChannel> = (payload: unknown) => Promise<Result<InvokeResponse<K>>>;

/** The handler of every invoke channel. */
export type HandlerTable = { readonly [K in InvokeChannel]: Handler<K> };

/** The handler of `channel`: the channel's schema, then the service's method of the same name. */
function handler<K extends InvokeChannel>(channel: K, services: AppServices): Handler<K> {
  // The service is looked up per call: a table built over services not yet complete stays valid.
  return async (payload) => {
    try {
      const request = parsePayload(CONTRACT[channel].request, payload) as InvokeRequest<K>;
      const serve: ChannelService<K> = (services as ChannelServices)[channel];
      return ok(await serve(request));
    } catch (error) {
      return { ok: false, error: toContractError(error) };
    }
  };
}

/** Builds the handler table over the services. */
export function createHandlers(services: AppServices): HandlerTable {
  // fromEntries loses the pairing of each channel with its own handler type; handler() keeps it per entry.
  return Object.fromEntries(INVOKE_CHANNELS.map((channel) => [channel, handler(channel, services)])) as unknown as HandlerTable;
}

/** Calls the handler of `channel` (a name from outside: unknown names get an INVALID_INPUT result). */
export async function dispatch(table: HandlerTable, channel: string, payload: unknown): Promise<Result<unknown>> {
  if (!Object.hasOwn(table, channel)) {
    return { ok: false, error: { code: 'INVALID_INPUT', message: `There is no channel "${channel.slice(0, 100)}".`, remedy: null } };
  }
  return (table as Record<string, (payload: unknown) => Promise<Result<unknown>>>)[channel]!(payload);
}

// What the handler table needs from the services: one method per contract channel, named after it,
// taking the request as the channel's schema hands it over. The composition root (compose.ts) builds
// it for web mode and Electron main; the handlers only check payloads and delegate here.
import type { InvokeChannel, InvokeRequest, InvokeResponse } from '../../common/contract.ts';
import type { EventBus } from './events.ts';

/** The service behind one channel. */
export type ChannelService<K extends InvokeChannel> = (request: InvokeRequest<K>) => Promise<InvokeResponse<K>>;

/** The service of every channel. */
export type ChannelServices = { readonly [K in InvokeChannel]: ChannelService<K> };

/** The services behind the contract. */
export interface AppServices extends ChannelServices {
  readonly events: EventBus;
  /** stops the practice simulator and closes connection pools */
  close(): Promise<void>;
}

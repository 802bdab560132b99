// window.fota is generated from the contract's channel list over any transport; here the transport
// hands calls to the real handler table, as web mode's HTTP and Electron's IPC do.
import { afterAll, describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS, type EventChannel } from '../../../common/contract.ts';
import { buildBridge, type BridgeTransport } from '../../../common/contract/bridge.ts';
import { createHandlers, dispatch } from '../../../main/ipc/handlers.ts';
import { tempServices } from '../ipc/temp-services.ts';

const fixture = tempServices();
afterAll(() => fixture.dispose());

function tableTransport(): BridgeTransport & { calls: { channel: string; payload: unknown }[] } {
  const table = createHandlers(fixture.services);
  const calls: { channel: string; payload: unknown }[] = [];
  return {
    kind: 'web',
    calls,
    call: (channel, payload) => {
      calls.push({ channel, payload });
      // A JSON round trip, as over HTTP: only plain data crosses.
      return dispatch(table, channel, JSON.parse(JSON.stringify(payload))).then((r) => JSON.parse(JSON.stringify(r)) as unknown);
    },
    subscribe: (channel, listener) =>
      fixture.services.events.subscribe((event) => {
        if (event.channel === channel) listener(event.payload);
      }),
  };
}

describe('the bridge built from the contract', () => {
  it('has exactly one function per invoke channel and nothing else', () => {
    const bridge = buildBridge(tableTransport());
    expect(Object.keys(bridge.invoke).sort()).toEqual([...INVOKE_CHANNELS].sort());
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on', 'transport']);
    expect(Object.isFrozen(bridge.invoke)).toBe(true);
  });

  it('sends null for a channel without payload and returns main’s result', async () => {
    const transport = tableTransport();
    const bridge = buildBridge(transport);
    const result = await bridge.invoke['preferences:get']();
    expect(result).toEqual({ ok: true, data: { concurrency: 2, exportDelimiter: ',', welcomeDone: false } });
    expect(transport.calls).toEqual([{ channel: 'preferences:get', payload: null }]);
  });

  it('delivers events of the channel subscribed to, until unsubscribed', async () => {
    const bridge = buildBridge(tableTransport());
    const seen: unknown[] = [];
    const off = bridge.on('preferences:changed', (view) => seen.push(view.exportDelimiter));
    await bridge.invoke['preferences:update']({ exportDelimiter: ';' });
    off();
    await bridge.invoke['preferences:update']({ exportDelimiter: ',' });
    expect(seen).toEqual([';']);
    expect(() => bridge.on('nope' as EventChannel, () => undefined)).toThrow(/Unknown event channel/);
    expect(EVENT_CHANNELS).toContain('preferences:changed');
  });

  it('turns an unreachable main into APP_UNREACHABLE and a malformed answer into INTERNAL', async () => {
    const down = buildBridge({ kind: 'web', call: () => Promise.reject(new TypeError('fetch failed')), subscribe: () => () => undefined });
    expect(await down.invoke['profiles:list']()).toMatchObject({ ok: false, error: { code: 'APP_UNREACHABLE' } });
    const odd = buildBridge({ kind: 'electron', call: () => Promise.resolve({ status: 'fine' }), subscribe: () => () => undefined });
    expect(await odd.invoke['profiles:list']()).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const forged = buildBridge({ kind: 'web', call: () => Promise.resolve({ ok: false, error: { code: 'WHATEVER', message: 'x' } }), subscribe: () => () => undefined });
    expect(await forged.invoke['profiles:list']()).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

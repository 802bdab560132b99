// Each channel is defined once, in common/contract: the schema list, the handler table and the
// `window.fota` that the preload (Electron) and the browser bridge (web mode) build are the same
// set of names with the same kinds, and every channel refuses a payload its schema does not allow
// before any service sees it.
import { afterAll, describe, expect, it } from 'vitest';
import { CONTRACT, EVENT_CHANNELS, EVENTS, INVOKE_CHANNELS, isEventChannel, isInvokeChannel, type InvokeChannel } from '../../../common/contract.ts';
import { buildBridge, type BridgeTransport } from '../../../common/contract/bridge.ts';
import { createHandlers, dispatch } from '../../../main/ipc/handlers.ts';
import type { AppServices } from '../../../main/services/app-services.ts';
import { ipcTransport, type IpcRendererLike } from '../../../preload/ipc-transport.ts';
import { ALIEN, badPayloads, requestEntries } from './bad-payloads.ts';
import { parsePayload } from '../../../main/ipc/validate.ts';
import { tempServices } from './temp-services.ts';

const fixture = tempServices();
afterAll(() => fixture.dispose());

const sorted = (names: Iterable<string>): string[] => [...names].sort();

/** A fake ipcRenderer that records which Electron primitive each bridge function uses. */
function recordingIpc(): IpcRendererLike & { readonly used: { kind: 'invoke' | 'on'; channel: string }[] } {
  const used: { kind: 'invoke' | 'on'; channel: string }[] = [];
  return {
    used,
    invoke: async (channel) => {
      used.push({ kind: 'invoke', channel });
      return { ok: true, data: null };
    },
    on: (channel) => used.push({ kind: 'on', channel }),
    removeListener: () => undefined,
  };
}

/** Services that record any call: a refused payload must reach none of them. */
function watchedServices(): { services: AppServices; reached: string[] } {
  const reached: string[] = [];
  const services = new Proxy({} as AppServices, {
    get: (_target, name) => async () => {
      reached.push(String(name));
      return null;
    },
  });
  return { services, reached };
}

describe('one definition per channel', () => {
  it('has exactly one handler per schema', () => {
    const table = createHandlers(fixture.services);
    expect(sorted(Object.keys(table))).toEqual(sorted(Object.keys(CONTRACT)));
    expect(sorted(INVOKE_CHANNELS)).toEqual(sorted(Object.keys(CONTRACT)));
    for (const channel of INVOKE_CHANNELS) expect(typeof table[channel]).toBe('function');
  });

  it('gives the preload’s window.fota one invoke function per schema, each an ipcRenderer.invoke of that channel', async () => {
    const ipc = recordingIpc();
    const bridge = buildBridge(ipcTransport(ipc));
    expect(sorted(Object.keys(bridge.invoke))).toEqual(sorted(Object.keys(CONTRACT)));
    for (const channel of INVOKE_CHANNELS) await (bridge.invoke[channel] as (payload?: unknown) => Promise<unknown>)();
    expect(ipc.used).toEqual(INVOKE_CHANNELS.map((channel) => ({ kind: 'invoke', channel })));
  });

  it('lets the preload’s window.fota subscribe to every event channel and to nothing else', () => {
    const ipc = recordingIpc();
    const bridge = buildBridge(ipcTransport(ipc));
    for (const channel of EVENT_CHANNELS) bridge.on(channel, () => undefined);
    expect(ipc.used).toEqual(EVENT_CHANNELS.map((channel) => ({ kind: 'on', channel })));
    expect(sorted(EVENT_CHANNELS)).toEqual(sorted(Object.keys(EVENTS)));
    for (const channel of INVOKE_CHANNELS) expect(() => bridge.on(channel as never, () => undefined)).toThrow(/Unknown event channel/);
  });

  it('gives web mode’s window.fota the same invoke functions', async () => {
    // The browser transport is DOM code outside the test project's types: loaded by a computed path
    // (building it touches neither fetch nor EventSource; test/integration/web calls every channel over HTTP).
    const file = 'web-transport.ts';
    const { webTransport } = (await import(/* @vite-ignore */ `../../../renderer/src/bridge/${file}`)) as { webTransport: () => BridgeTransport };
    const bridge = buildBridge(webTransport());
    expect(bridge.transport).toBe('web');
    expect(sorted(Object.keys(bridge.invoke))).toEqual(sorted(Object.keys(CONTRACT)));
  });

  it('names every channel once, with a domain prefix, and never as both kinds', () => {
    for (const channel of [...INVOKE_CHANNELS, ...EVENT_CHANNELS]) expect(channel).toMatch(/^[a-z]+:[a-zA-Z]+$/);
    expect(new Set(INVOKE_CHANNELS).size).toBe(INVOKE_CHANNELS.length);
    expect(new Set(EVENT_CHANNELS).size).toBe(EVENT_CHANNELS.length);
    for (const channel of EVENT_CHANNELS) expect(isInvokeChannel(channel)).toBe(false);
  });

  it('tells channel names from outside apart', () => {
    expect(isInvokeChannel('profiles:list')).toBe(true);
    expect(isInvokeChannel('toString')).toBe(false);
    expect(isInvokeChannel('__proto__')).toBe(false);
    expect(isEventChannel('status:changed')).toBe(true);
    expect(isEventChannel('profiles:list')).toBe(false);
  });
});

describe('every channel refuses what its schema does not allow, before any service', () => {
  const watched = watchedServices();
  const table = createHandlers(watched.services);

  it.each(INVOKE_CHANNELS.map((channel) => [channel]))('%s', async (channel: InvokeChannel) => {
    const cases = badPayloads(channel);
    expect(cases.length).toBeGreaterThan(1);
    for (const bad of cases) {
      const result = await dispatch(table, channel, bad.payload);
      expect(result.ok, `${channel} accepted ${bad.what}`).toBe(false);
      if (result.ok) continue;
      expect(result.error.code, `${channel}, ${bad.what}`).toBe('INVALID_INPUT');
      expect(result.error.message, `${channel}, ${bad.what}`).toMatch(bad.message);
    }
    // Each field's own schema refuses the alien value (the cases above may stop at a missing field first).
    for (const [key, schema] of Object.entries(requestEntries(channel) ?? {})) {
      expect(() => parsePayload(schema, ALIEN), `${channel}.${key}`).toThrow();
    }
    expect(watched.reached).toEqual([]);
  });
});

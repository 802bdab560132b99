// The renderer's end of the cold-start hand-over: what the shell asked for before the page listened
// (a `.fotabatch` double-clicked to start FOTA Desk, Settings from the menu) waits in main's queue,
// and the page's last start-up step takes it over `shell:pendingRequests` and shows it. The page's
// slices run against the real handler table and services; the transport clones values as Electron's
// IPC does (structured clone, so the file's bytes stay a Uint8Array).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventChannel, FotaBridge } from '../../../common/contract.ts';
import { buildBridge, type BridgeTransport } from '../../../common/contract/bridge.ts';
import { createHandlers, dispatch } from '../../../main/ipc/handlers.ts';
import { PageRequests } from '../../../main/desktop/page-requests.ts';
import { tempServices } from '../ipc/temp-services.ts';

const page = tempServices();
const elsewhere = tempServices();
const queue = new PageRequests(page.services.events);
const table = createHandlers({ ...page.services, 'shell:pendingRequests': async () => queue.take() });
const calls: string[] = [];
const events: { channel: EventChannel; payload: unknown }[] = [];

const ipcLike: BridgeTransport = {
  kind: 'electron',
  call: async (channel, payload) => {
    calls.push(channel);
    return structuredClone(await dispatch(table, channel, structuredClone(payload)));
  },
  subscribe: (channel, listener) =>
    page.services.events.subscribe((event) => {
      if (event.channel === channel) listener(structuredClone(event.payload));
    }),
};
page.services.events.subscribe((event) => {
  if (event.channel === 'shell:request') events.push(event);
});

// The test project is type-checked without DOM types, so the renderer's slices (which use them) are
// loaded by a computed path and used through the few members this test needs.
interface RendererState {
  useApp: { getState(): { screen: string; announcement: string; navigate(screen: string): void } };
  useBatches: { getState(): { currentId: string | null } };
  receivePendingShellRequests(): Promise<void>;
  handleShellRequest(request: unknown): void;
}
async function renderer(): Promise<RendererState> {
  const load = async (file: string): Promise<object> => (await import(/* @vite-ignore */ `../../../renderer/src/state/${file}`)) as object;
  return Object.assign({}, await load('app.ts'), await load('batches.ts'), await load('shell-requests.ts')) as RendererState;
}

let handoff = '';
beforeAll(async () => {
  (globalThis as unknown as { window: { fota: FotaBridge } }).window = { fota: buildBridge(ipcLike) };
  // A batch prepared on another workstation, exported as its .fotabatch hand-off file.
  const device = { serial: 'R58N1SP0001', model: 'SM-G991B', salesCode: 'BTU', imei: null, row: 2 };
  const created = await elsewhere.services['batches:create']({
    name: 'Depot tablets',
    notes: '',
    target: 'Latest',
    network: 'WIFIONLY',
    sources: [{ fileName: 'fleet.csv', sha256: 'b'.repeat(64), devices: [device] }],
  });
  handoff = (await elsewhere.services['batches:export']({ id: created.batch.id })).text;
});
afterAll(async () => {
  delete (globalThis as { window?: unknown }).window;
  await page.dispose();
  await elsewhere.dispose();
});

describe('shell requests kept for the page until its start-up ends', () => {
  it('a .fotabatch handed over before the page listened is opened once the page asks', async () => {
    const { useApp, useBatches, receivePendingShellRequests } = await renderer();

    // Cold start: main read the file before any page existed.
    queue.request({ kind: 'open-file', purpose: 'batch', name: 'depot.fotabatch', bytes: new TextEncoder().encode(handoff) });
    queue.request({ kind: 'show-settings' });
    expect(events).toEqual([]);
    expect(useApp.getState().screen).toBe('licence');

    await receivePendingShellRequests();
    expect(calls).toContain('shell:pendingRequests');
    // Performed in order: the batch was imported and opened, then Settings was shown on top.
    const list = await page.services['batches:list'](undefined);
    const imported = JSON.stringify(list).includes('Depot tablets');
    expect(imported).toBe(true);
    expect(useBatches.getState().currentId).not.toBeNull();
    expect(useApp.getState().screen).toBe('settings');
    expect(useApp.getState().announcement).toMatch(/Batch Depot tablets imported/);
    expect(queue.held).toEqual([]);
  });

  it('once the page listens, a request travels as a shell:request event', async () => {
    const { useApp, handleShellRequest } = await renderer();
    const off = buildBridge(ipcLike).on('shell:request', handleShellRequest);
    useApp.getState().navigate('history');
    queue.request({ kind: 'show-settings' });
    off();
    expect(events.map((e) => e.channel)).toEqual(['shell:request']);
    expect(useApp.getState().screen).toBe('settings');
    expect(queue.held).toEqual([]);
    // Nothing is left for a second ask.
    expect(await buildBridge(ipcLike).invoke['shell:pendingRequests']()).toEqual({ ok: true, data: [] });
  });
});

// One set of channels everywhere: the contract's list, the names the preload exposes on
// `window.fota`, and the channels main registers on ipcMain. Electron's contextBridge, ipcRenderer
// and ipcMain are the only fakes (Electron cannot run here); they are wired back to back, so a call
// made through the real preload reaches the real handler table through the real adapter.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS, type FotaBridge } from '../../../common/contract.ts';
import { createHandlers, type HandlerTable } from '../../../main/ipc/handlers.ts';
import { EventBus } from '../../../main/services/events.ts';
import type { AppServices } from '../../../main/services/app-services.ts';
import { registerInvokeHandlers } from '../../../main/desktop/ipc-registration.ts';
import type { FrameLike, SenderEvent } from '../../../main/desktop/ipc-sender-check.ts';

type Handle = (event: SenderEvent, ...args: unknown[]) => Promise<unknown>;
type RendererListener = (event: unknown, ...args: unknown[]) => void;

const fake = vi.hoisted(() => {
  const handlers = new Map<string, Handle>();
  const rendererListeners = new Map<string, Set<RendererListener>>();
  const exposed: { key: string; api: unknown }[] = [];
  const frame = { url: 'app://fota/index.html', processId: 3, routingId: 1, parent: null };
  const contents = { id: 11, mainFrame: frame, destroyed: false, isDestroyed: () => contents.destroyed, send: (channel: string, ...args: unknown[]) => {
    for (const l of rendererListeners.get(channel) ?? []) l({ sender: 'IpcRendererEvent' }, ...args);
  } };
  let sender: { id: number; mainFrame: typeof frame } = contents;
  let senderFrame: typeof frame | null = frame;
  return {
    handlers, rendererListeners, exposed, contents, frame,
    setSender(s: { id: number; mainFrame: typeof frame }, f: typeof frame | null) { sender = s; senderFrame = f; },
    ipcMain: {
      handle: (channel: string, listener: Handle) => {
        if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
        handlers.set(channel, listener);
      },
      removeHandler: (channel: string) => void handlers.delete(channel),
    },
    ipcRenderer: {
      invoke: async (channel: string, ...args: unknown[]) => {
        const handler = handlers.get(channel);
        if (!handler) throw new Error(`No handler registered for '${channel}'`);
        // Electron clones arguments across processes; JSON is close enough for plain data.
        return handler({ sender, senderFrame } as never, ...(JSON.parse(JSON.stringify(args)) as unknown[]));
      },
      on: (channel: string, listener: RendererListener) => {
        const set = rendererListeners.get(channel) ?? new Set();
        set.add(listener);
        rendererListeners.set(channel, set);
      },
      removeListener: (channel: string, listener: RendererListener) => void rendererListeners.get(channel)?.delete(listener),
    },
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void exposed.push({ key, api }) },
  };
});

vi.mock('electron', () => ({ ipcMain: fake.ipcMain, ipcRenderer: fake.ipcRenderer, contextBridge: fake.contextBridge }));

// The handlers validate before touching a service, so calls with bad payloads need no services.
const table = createHandlers({} as AppServices);
const events = new EventBus();
let bridge: FotaBridge;

beforeAll(async () => {
  const { connectIpc } = await import('../../../main/app/ipc.ts');
  connectIpc({
    handlers: table,
    events,
    window: () => ({ isDestroyed: () => false, webContents: fake.contents }) as never,
    trusted: ['app://fota'],
    log: () => undefined,
  });
  await import('../../../preload/index.ts');
  bridge = fake.exposed[0]!.api as FotaBridge;
});

const sorted = (names: Iterable<string>): string[] => [...names].sort();

describe('contract, preload and main carry the same channels', () => {
  it('main registers exactly the contract’s invoke channels (and the handler table has them all)', () => {
    expect(sorted(fake.handlers.keys())).toEqual(sorted(INVOKE_CHANNELS));
    expect(sorted(Object.keys(table))).toEqual(sorted(INVOKE_CHANNELS));
  });

  it('the preload exposes `fota` only, with one function per invoke channel and nothing else', () => {
    expect(fake.exposed.map((e) => e.key)).toEqual(['fota']);
    expect(sorted(Object.keys(bridge))).toEqual(['invoke', 'on', 'transport']);
    expect(bridge.transport).toBe('electron');
    expect(sorted(Object.keys(bridge.invoke))).toEqual(sorted(INVOKE_CHANNELS));
    for (const channel of INVOKE_CHANNELS) expect(typeof bridge.invoke[channel], channel).toBe('function');
    expect(JSON.stringify(Object.keys(bridge))).not.toMatch(/ipc/i);
  });

  it('a call from the window reaches the real handler through the real adapters', async () => {
    const answer = await bridge.invoke['profiles:delete']({ id: '' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('every invoke channel answers through the bridge (no name is lost on the way)', async () => {
    for (const channel of INVOKE_CHANNELS) {
      // A number is never a valid payload: each real handler refuses it with INVALID_INPUT.
      const call = bridge.invoke[channel] as unknown as (payload: unknown) => Promise<{ ok: boolean; error?: { code: string } }>;
      const answer = await call(42);
      expect(answer.ok, channel).toBe(false);
      expect(answer.error?.code, channel).toBe('INVALID_INPUT');
    }
  });

  it('events reach the page without Electron’s event object, and unsubscribe works', () => {
    const got: unknown[] = [];
    const off = bridge.on('preferences:changed', (payload) => got.push(payload));
    const payload = { concurrency: 4, exportDelimiter: ',', welcomeDone: true };
    events.emit('preferences:changed', payload as never);
    off();
    events.emit('preferences:changed', payload as never);
    expect(got).toEqual([payload]);
    expect(fake.rendererListeners.get('preferences:changed')?.size ?? 0).toBe(0);
    expect(() => bridge.on('no:such' as never, () => undefined)).toThrow(/Unknown event channel/);
    expect(EVENT_CHANNELS.length).toBeGreaterThan(0);
  });

  it('main refuses a call from another webContents or a sub-frame before any handler runs', async () => {
    const other = { ...fake.contents, id: 99 };
    fake.setSender(other, fake.frame);
    expect(await bridge.invoke['app:info']()).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } });
    const sub: FrameLike = { ...fake.frame, routingId: 5, parent: fake.frame };
    fake.setSender(fake.contents, sub as never);
    expect(await bridge.invoke['app:info']()).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } });
    fake.setSender(fake.contents, fake.frame);
  });
});

describe('registerInvokeHandlers', () => {
  const fakeIpc = () => {
    const names: string[] = [];
    return { names, ipc: { handle: (c: string) => void names.push(c), removeHandler: (c: string) => void names.splice(names.indexOf(c), 1) } };
  };

  it('refuses to start when the handler table and the contract differ', () => {
    const { ipc } = fakeIpc();
    const { 'app:info': _left, ...partial } = table;
    expect(() => registerInvokeHandlers({ ipc, handlers: partial as unknown as HandlerTable, senderProblem: () => null, report: () => undefined })).toThrow(/missing: app:info/);
    const extra = { ...table, 'debug:eval': table['app:info'] } as HandlerTable;
    expect(() => registerInvokeHandlers({ ipc, handlers: extra, senderProblem: () => null, report: () => undefined })).toThrow(/extra: debug:eval/);
  });

  it('removes every handler it registered', () => {
    const { ipc, names } = fakeIpc();
    const off = registerInvokeHandlers({ ipc, handlers: table, senderProblem: () => null, report: () => undefined });
    expect(names).toHaveLength(INVOKE_CHANNELS.length);
    off();
    expect(names).toEqual([]);
  });

  it('reports a refused call by channel and reason, never its payload', async () => {
    const reports: string[] = [];
    const listeners = new Map<string, Handle>();
    registerInvokeHandlers({
      ipc: { handle: (c, l) => void listeners.set(c, l), removeHandler: () => undefined },
      handlers: table,
      senderProblem: () => 'the message came from a sub-frame',
      report: (m) => reports.push(m),
    });
    await listeners.get('profiles:setSecret')!({} as SenderEvent, { id: 'p', secret: 'S3CRET-VALUE' });
    expect(reports).toEqual(['IPC call profiles:setSecret refused: the message came from a sub-frame']);
  });

  it('refuses a call with other than one payload argument', async () => {
    const listeners = new Map<string, Handle>();
    registerInvokeHandlers({ ipc: { handle: (c, l) => void listeners.set(c, l), removeHandler: () => undefined }, handlers: table, senderProblem: () => null, report: () => undefined });
    expect(await listeners.get('app:info')!({} as SenderEvent)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await listeners.get('app:info')!({} as SenderEvent, null, 'extra')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

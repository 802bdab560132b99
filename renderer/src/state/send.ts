// The sends open in main, per batch, as the last `send:progress` (or call answer) described them.
import { create } from 'zustand';
import type { ContractError, IncludeOpenRequest, RepairView, Result, SendView } from '../../../common/contract.ts';
import { fota } from '../bridge/fota.ts';

interface SendState {
  readonly views: Readonly<Record<string, SendView>>;
  readonly error: ContractError | null;
  receive(view: SendView): void;
  /** asks main for the send of a batch (null when none is open) */
  load(batchId: string): Promise<void>;
  /** runs a call answering the send's new view */
  act(call: () => Promise<Result<SendView>>): Promise<Result<SendView>>;
  forget(batchId: string): void;
  setError(error: ContractError | null): void;
  /** opens the send of a batch with the devices the admin included; it waits in 'confirm' */
  open(batchId: string, include: IncludeOpenRequest): Promise<Result<SendView>>;
  /** starts an opened send once the admin confirmed (typed count, pinned firmware) */
  start(batchId: string, pinLatest: boolean, typedCount: number | null): Promise<Result<SendView>>;
  pause(batchId: string): Promise<Result<SendView>>;
  resume(batchId: string): Promise<Result<SendView>>;
  /** cancels the calls not sent yet (calls in flight finish) */
  cancel(batchId: string): Promise<Result<SendView>>;
  continuePilot(batchId: string): Promise<Result<SendView>>;
  /** re-sends unknown calls: only on the admin's explicit confirmation */
  resend(batchId: string, callIds: readonly string[]): Promise<Result<SendView>>;
  /** leaves unknown calls for good: they are never re-sent */
  leave(batchId: string, callIds: readonly string[]): Promise<Result<SendView>>;
  /** re-plans a call Samsung refused for one device (FUD_3031) without its culprits */
  replan(batchId: string, callId: string): Promise<Result<SendView>>;
  /** closes the send; once main closed it the window forgets it */
  close(batchId: string): Promise<Result<{ readonly closed: boolean }>>;
  /** rewrites a damaged send journal from every readable record */
  repair(batchId: string): Promise<Result<RepairView>>;
}

/** The send slice. */
export const useSend = create<SendState>()((set, get) => ({
  views: {},
  error: null,
  // Answers and events race: a view older than the one shown (a lower revision) is dropped.
  receive: (view) => set((s) => ((s.views[view.batchId]?.revision ?? -1) > view.revision ? s : { views: { ...s.views, [view.batchId]: view } })),
  load: async (batchId) => {
    const result = await fota().invoke['send:get']({ batchId });
    if (!result.ok) set({ error: result.error });
    else if (result.data) get().receive(result.data);
  },
  act: async (call) => {
    const result = await call();
    if (result.ok) get().receive(result.data);
    set({ error: result.ok ? null : result.error });
    return result;
  },
  forget: (batchId) =>
    set((s) => {
      const views = { ...s.views };
      delete views[batchId];
      return { views };
    }),
  setError: (error) => set({ error }),
  open: (batchId, include) => get().act(() => fota().invoke['send:open']({ batchId, include })),
  start: (batchId, pinLatest, typedCount) => get().act(() => fota().invoke['send:start']({ batchId, pinLatest, typedCount })),
  pause: (batchId) => get().act(() => fota().invoke['send:pause']({ batchId })),
  resume: (batchId) => get().act(() => fota().invoke['send:resume']({ batchId })),
  cancel: (batchId) => get().act(() => fota().invoke['send:cancel']({ batchId })),
  continuePilot: (batchId) => get().act(() => fota().invoke['send:continuePilot']({ batchId })),
  resend: (batchId, callIds) => get().act(() => fota().invoke['send:resend']({ batchId, callIds })),
  leave: (batchId, callIds) => get().act(() => fota().invoke['send:leave']({ batchId, callIds })),
  replan: (batchId, callId) => get().act(() => fota().invoke['send:replan']({ batchId, callId })),
  close: async (batchId) => {
    const result = await fota().invoke['send:close']({ batchId });
    if (result.ok) get().forget(batchId);
    return result;
  },
  repair: (batchId) => fota().invoke['send:repair']({ batchId }),
}));

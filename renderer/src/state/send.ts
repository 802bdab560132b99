// The sends open in main, per batch, as the last `send:progress` (or call answer) described them.
import { create } from 'zustand';
import type { ContractError, Result, SendView } from '../../../common/contract.ts';
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
}));

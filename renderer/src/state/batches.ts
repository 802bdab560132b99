// The batch list and the batch open in the builder, with its last dry run. Every change goes
// through main and comes back as a new view (other windows and the CLI may edit batches too).
import { create } from 'zustand';
import type { BatchListView, BatchView, ContractError, IncludeOpenRequest, PreviewView, Result } from '../../../common/contract.ts';
import { fota } from '../bridge/fota.ts';
import { useApp } from './app.ts';

interface BatchesState {
  readonly list: BatchListView | null;
  readonly listError: ContractError | null;
  /** the batch open in the builder */
  readonly currentId: string | null;
  readonly current: BatchView | null;
  readonly error: ContractError | null;
  /** the last dry run of the current batch */
  readonly preview: PreviewView | null;
  /** devices with an open push the admin chose to send anyway (the dry run and the send use it) */
  readonly include: IncludeOpenRequest;
  loadList(): Promise<void>;
  /** opens a batch in the builder */
  open(id: string): Promise<void>;
  reload(): Promise<void>;
  /** replaces the current batch with a view main answered */
  receive(view: BatchView): void;
  setPreview(preview: PreviewView | null): void;
  setInclude(include: IncludeOpenRequest): void;
  /** runs a call that answers the current batch's new view */
  apply(call: () => Promise<Result<BatchView>>): Promise<Result<BatchView>>;
}

/** Nothing included: every device with an open push is held back. */
export const NO_INCLUDE: IncludeOpenRequest = { all: false, serials: [], typedCount: null };

/** The batches slice. */
export const useBatches = create<BatchesState>()((set, get) => ({
  list: null,
  listError: null,
  currentId: null,
  current: null,
  error: null,
  preview: null,
  include: NO_INCLUDE,
  loadList: async () => {
    const result = await fota().invoke['batches:list']();
    set(result.ok ? { list: result.data, listError: null } : { listError: result.error });
  },
  open: async (id) => {
    if (get().currentId !== id) set({ currentId: id, current: null, preview: null, error: null, include: NO_INCLUDE });
    useApp.getState().navigate('batch');
    await get().reload();
  },
  reload: async () => {
    const id = get().currentId;
    if (id === null) return;
    const result = await fota().invoke['batches:get']({ id });
    if (get().currentId !== id) return;
    set(result.ok ? { current: result.data, error: null } : { error: result.error });
  },
  receive: (view) => set((s) => (s.currentId === view.id ? { current: view, error: null } : s)),
  setPreview: (preview) => set({ preview }),
  setInclude: (include) => set({ include }),
  apply: async (call) => {
    const result = await call();
    if (result.ok) get().receive(result.data);
    return result;
  },
}));

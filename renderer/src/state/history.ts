// The tracking history: the list of sent batches, the batch whose devices are shown, and the last
// serial search. Refreshed on demand (F5) and whenever main says tracking stored new results.
import { create } from 'zustand';
import type { ContractError, HistoryDetailView, HistoryListView, InvokeRequest, InvokeResponse, RefreshResultView, Result, SerialLookupView } from '../../../common/contract.ts';
import { fota } from '../bridge/fota.ts';

interface HistoryState {
  readonly list: HistoryListView | null;
  readonly error: ContractError | null;
  readonly detailId: string | null;
  readonly detail: HistoryDetailView | null;
  readonly search: SerialLookupView | null;
  readonly refreshing: boolean;
  readonly lastRefresh: RefreshResultView | null;
  load(): Promise<void>;
  openDetail(batchId: string | null): Promise<void>;
  reloadDetail(): Promise<void>;
  refresh(batchId: string | null): Promise<void>;
  find(serial: string): Promise<void>;
  /** the CSV of a sent batch's devices and their states */
  exportCsv(batchId: string): Promise<Result<InvokeResponse<'history:export'>>>;
  /** a new draft batch with the devices of a sent batch in some states (the caller opens it) */
  retry(request: InvokeRequest<'history:retry'>): Promise<Result<InvokeResponse<'history:retry'>>>;
  /** the redacted diagnostics text for a bug report */
  diagnostics(): Promise<Result<InvokeResponse<'diagnostics:get'>>>;
}

/** The history slice. */
export const useHistory = create<HistoryState>()((set, get) => ({
  list: null,
  error: null,
  detailId: null,
  detail: null,
  search: null,
  refreshing: false,
  lastRefresh: null,
  load: async () => {
    const result = await fota().invoke['history:list']();
    set(result.ok ? { list: result.data, error: null } : { error: result.error });
  },
  openDetail: async (batchId) => {
    set({ detailId: batchId, detail: null });
    if (batchId !== null) await get().reloadDetail();
  },
  reloadDetail: async () => {
    const id = get().detailId;
    if (id === null) return;
    const result = await fota().invoke['history:get']({ batchId: id });
    if (get().detailId !== id) return;
    set(result.ok ? { detail: result.data, error: null } : { error: result.error });
  },
  refresh: async (batchId) => {
    set({ refreshing: true });
    const result = await fota().invoke['history:refresh']({ batchId });
    set(result.ok ? { refreshing: false, lastRefresh: result.data, list: result.data.list, error: result.data.error } : { refreshing: false, error: result.error });
    await get().reloadDetail();
  },
  find: async (serial) => {
    const result = await fota().invoke['history:search']({ serial });
    set(result.ok ? { search: result.data, error: null } : { error: result.error });
  },
  exportCsv: (batchId) => fota().invoke['history:export']({ batchId }),
  retry: (request) => fota().invoke['history:retry'](request),
  diagnostics: () => fota().invoke['diagnostics:get'](),
}));

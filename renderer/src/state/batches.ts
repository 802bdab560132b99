// The batch list and the batch open in the builder, with its last dry run. Every change goes
// through main and comes back as a new view (other windows and the CLI may edit batches too).
import { create } from 'zustand';
import { fail, type BatchListView, type BatchView, type ContractError, type IncludeOpenRequest, type InvokeRequest, type InvokeResponse, type PreviewView, type Result } from '../../../common/contract.ts';
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
  /** whether the last dry run asked Samsung too (a re-plan asks the same way) */
  readonly previewOnline: boolean;
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
  /** creates a draft batch from imported devices (the caller opens it) */
  create(request: InvokeRequest<'batches:create'>): Promise<Result<InvokeResponse<'batches:create'>>>;
  /** deletes a batch (its history is kept); the caller reloads the list */
  remove(id: string): Promise<Result<InvokeResponse<'batches:delete'>>>;
  /** saves one group's setting of the current batch */
  setGroup(group: InvokeRequest<'batches:setGroup'>['group']): Promise<Result<BatchView>>;
  /** saves the current batch's name, notes and pilot */
  setDetails(details: InvokeRequest<'batches:setDetails'>['details']): Promise<Result<BatchView>>;
  /** takes serials back from the Excluded list of the current batch; the last dry run is dropped */
  takeBack(serials: readonly string[]): Promise<Result<BatchView>>;
  /** leaves serials out of the current batch; the last dry run is dropped */
  exclude(serials: readonly string[], reason: string): Promise<Result<BatchView>>;
  /** the dry run of the current batch with the current inclusions; online asks Samsung too */
  runPreview(online: boolean): Promise<Result<PreviewView>>;
  /** the firmware offered for a model and sales code (refresh asks Samsung, otherwise the cache) */
  firmware(model: string, salesCode: string, refresh: boolean): Promise<Result<InvokeResponse<'batches:firmware'>>>;
  /** the `.fotabatch` hand-off file of the current batch */
  exportFile(): Promise<Result<InvokeResponse<'batches:export'>>>;
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
  previewOnline: false,
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
  create: (request) => fota().invoke['batches:create'](request),
  remove: (id) => fota().invoke['batches:delete']({ id }),
  setGroup: (group) => withCurrent((id) => get().apply(() => fota().invoke['batches:setGroup']({ id, group }))),
  setDetails: (details) => withCurrent((id) => get().apply(() => fota().invoke['batches:setDetails']({ id, details }))),
  takeBack: (serials) => withCurrent((id) => editExcluded(() => fota().invoke['batches:takeBack']({ id, serials: [...serials] }))),
  exclude: (serials, reason) => withCurrent((id) => editExcluded(() => fota().invoke['batches:exclude']({ id, serials: [...serials], reason }))),
  runPreview: (online) =>
    withCurrent(async (id) => {
      const { include } = get();
      const result = await fota().invoke['batches:preview']({ id, online, include: { all: include.all, serials: include.serials } });
      if (result.ok) {
        get().receive(result.data.batch);
        set({ preview: result.data, previewOnline: online });
      }
      return result;
    }),
  firmware: (model, salesCode, refresh) => fota().invoke['batches:firmware']({ model, salesCode, refresh }),
  exportFile: () => withCurrent((id) => fota().invoke['batches:export']({ id })),
}));

/** Whether the last dry run was worked out from an older save of the batch than the one shown. */
export function previewStale(state: Pick<BatchesState, 'preview' | 'current'>): boolean {
  const { preview, current } = state;
  // Every saved change stamps the batch anew, and the dry run carries the stamp it was planned from.
  return preview !== null && current !== null && preview.batch.id === current.id && preview.batch.edited.at !== current.edited.at;
}

// The builder's actions act on the batch it shows, which is the slice's current one.
function withCurrent<T>(call: (id: string) => Promise<Result<T>>): Promise<Result<T>> {
  const id = useBatches.getState().currentId;
  return id === null ? Promise.resolve(fail('NOT_FOUND', 'No batch is open in the builder. Choose one in Batches.')) : call(id);
}

// An edit of the Excluded list changes what the next send does: the last dry run no longer holds.
async function editExcluded(call: () => Promise<Result<BatchView>>): Promise<Result<BatchView>> {
  const result = await useBatches.getState().apply(call);
  if (result.ok) useBatches.getState().setPreview(null);
  return result;
}

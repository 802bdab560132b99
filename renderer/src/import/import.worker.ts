// The import Web Worker: the only place the window parses and validates a spreadsheet, so a
// 200,000-row file never blocks the page. Bytes (or pasted text) in; the view of the result out.
import { importDevices } from '../../../common/import/index.ts';
import { toView } from './adapt.ts';
import type { FromWorker, ToWorker } from './view.ts';

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker): void;
  WorkerGlobalScope?: abstract new () => unknown;
};

// Proof for the page (and its tests) that this code runs in a Worker, not on the page's thread.
const inWorker = typeof scope.WorkerGlobalScope === 'function' && globalThis instanceof scope.WorkerGlobalScope;

const PHASES = { reading: 'Reading the file', validating: 'Checking the rows', done: 'Done' } as const;

scope.onmessage = (event) => {
  const request = event.data;
  if (request.type !== 'parse') return;
  void run(request);
};

async function run(request: ToWorker): Promise<void> {
  const { id, source } = request;
  if (!inWorker) {
    scope.postMessage({ type: 'error', id, message: 'The importer must run in a Web Worker.' });
    return;
  }
  const fileName = source.kind === 'file' ? source.name : 'Pasted list';
  try {
    const mapping = request.mapping ? { ...request.mapping } : undefined;
    const outcome = await importDevices(source.kind === 'file' ? { bytes: new Uint8Array(source.bytes), fileName } : { text: source.text, fileName }, {
      ...(request.sheet ? { sheet: request.sheet } : {}),
      ...(mapping ? { mapping } : {}),
      defaults: { model: request.defaults.model, salesCode: request.defaults.salesCode },
      onProgress: (p) => scope.postMessage({ type: 'progress', id, done: p.done, total: p.total, phase: PHASES[p.phase] }),
    });
    if (!outcome.ok) {
      scope.postMessage({ type: 'error', id, message: outcome.failure.message });
      return;
    }
    scope.postMessage({ type: 'result', id, view: toView(outcome.result, fileName), thread: 'worker' });
  } catch (error) {
    scope.postMessage({ type: 'error', id, message: `FOTA Desk could not read ${fileName}: ${error instanceof Error ? error.message : String(error)}` });
  }
}

// The import Web Worker: the only place the window parses and validates a spreadsheet, so a
// 200,000-row file never blocks the page. Bytes (or pasted text) in; the view of the result out.
import { sha256Hex } from '../../../common/batch/digest.ts';
import { importDevices } from '../../../common/import/index.ts';
import { toView } from './adapt.ts';
import { PART_SIZE, type FromWorker, type ToWorker } from './view.ts';

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
    const input = source.kind === 'file' ? { bytes: new Uint8Array(source.bytes), fileName } : { text: source.text, fileName };
    // The checksum names the exact file a batch came from; a pasted list is checksummed as UTF-8 text.
    const checksum = sha256Hex('bytes' in input ? input.bytes : input.text);
    const outcome = await importDevices(input, {
      ...(request.sheet ? { sheet: request.sheet } : {}),
      ...(mapping ? { mapping } : {}),
      defaults: { model: request.defaults.model, salesCode: request.defaults.salesCode },
      onProgress: (p) => scope.postMessage({ type: 'progress', id, done: p.done, total: p.total, phase: PHASES[p.phase] }),
    });
    if (!outcome.ok) {
      scope.postMessage({ type: 'error', id, message: outcome.failure.message });
      return;
    }
    const view = toView(outcome.result, fileName, await checksum);
    // A 200,000-row result cloned in one message would hold the page's thread for most of a second
    // while it is received; in parts, each arrives as a short task of its own.
    const parts = Math.max(1, Math.ceil(Math.max(view.rows.length, view.devices.length) / PART_SIZE));
    for (let p = 0; p < parts; p++) {
      const from = p * PART_SIZE;
      scope.postMessage({ type: 'part', id, rows: view.rows.slice(from, from + PART_SIZE), devices: view.devices.slice(from, from + PART_SIZE) });
    }
    scope.postMessage({ type: 'result', id, view: { ...view, rows: [], devices: [] }, thread: 'worker' });
  } catch (error) {
    scope.postMessage({ type: 'error', id, message: `FOTA Desk could not read ${fileName}: ${error instanceof Error ? error.message : String(error)}` });
  }
}

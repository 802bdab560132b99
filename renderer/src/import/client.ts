// The page's side of the import Worker: one Worker, one parse at a time (a newer request cancels
// the older one by restarting the Worker, so a huge file never blocks the next).
import type { DeviceInput } from '../../../common/contract/batch-views.ts';
import type { ColumnRole, FromWorker, ImportRowView, ImportSource, ImportView, ToWorker } from './view.ts';

/** What to parse. */
export interface ParseRequest {
  readonly source: ImportSource;
  readonly sheet: string | null;
  readonly mapping: Readonly<Record<ColumnRole, number | null>> | null;
  readonly defaults: { readonly model: string; readonly salesCode: string };
}

/** A parse's progress. */
export interface ParseProgress {
  readonly done: number;
  readonly total: number;
  readonly phase: string;
}

/** The result and where it was computed (always the Worker: the page never runs the parser). */
export interface ParseOutcome {
  readonly view: ImportView;
  readonly thread: 'worker';
}

let worker: Worker | null = null;
let nextId = 1;
let pending: { id: number; reject: (error: Error) => void } | null = null;

function spawn(): Worker {
  worker ??= new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'fota-import' });
  return worker;
}

/** Parses in the Worker; file bytes are copied, so the caller keeps its buffer for a re-parse. */
export function parseInWorker(request: ParseRequest, onProgress: (progress: ParseProgress) => void): Promise<ParseOutcome> {
  if (pending) {
    // A newer request replaces the running one: stop the Worker rather than wait for it.
    pending.reject(new Error('superseded'));
    worker?.terminate();
    worker = null;
    pending = null;
  }
  const id = nextId++;
  const w = spawn();
  const source: ImportSource = request.source.kind === 'file' ? { ...request.source, bytes: request.source.bytes.slice(0) } : request.source;
  return new Promise<ParseOutcome>((resolve, reject) => {
    pending = { id, reject };
    const rows: ImportRowView[] = [];
    const devices: DeviceInput[] = [];
    const onMessage = (event: MessageEvent<FromWorker>): void => {
      const message = event.data;
      if (message.id !== id) return;
      if (message.type === 'progress') {
        onProgress(message);
        return;
      }
      if (message.type === 'part') {
        for (const row of message.rows) rows.push(row);
        for (const device of message.devices) devices.push(device);
        return;
      }
      w.removeEventListener('message', onMessage);
      w.removeEventListener('error', onError);
      pending = null;
      if (message.type === 'result') resolve({ view: { ...message.view, rows, devices }, thread: message.thread });
      else reject(new Error(message.message));
    };
    const onError = (event: ErrorEvent): void => {
      w.removeEventListener('message', onMessage);
      w.removeEventListener('error', onError);
      pending = null;
      worker?.terminate();
      worker = null;
      reject(new Error(`The import worker stopped: ${event.message || 'unknown error'}`));
    };
    w.addEventListener('message', onMessage);
    w.addEventListener('error', onError);
    const message: ToWorker = { type: 'parse', id, source, sheet: request.sheet, mapping: request.mapping, defaults: request.defaults };
    w.postMessage(message, source.kind === 'file' ? [source.bytes] : []);
  });
}

// The history channels: what was sent, what Samsung says became of it, the serial lookup, the CSV
// export, a retry batch of what did not arrive, and the support report.
import * as v from 'valibot';
import { MAX_BATCH_NAME } from '../batch/parse.ts';
import { batchId } from './batch-requests.ts';
import type { CsvFileView, DiagnosticsView, HistoryDetailView, HistoryListView, RefreshResultView, SerialLookupView } from './history-views.ts';
import type { BatchView } from './batch-views.ts';
import { channel, choice, none, obj, reply, text, whole } from './schema.ts';

/** The history channels. */
export const historyChannels = {
  /** every sent batch with its forceUpdateIds, newest first */
  'history:list': channel(none, reply<HistoryListView>()),
  /** one batch's per-device results */
  'history:get': channel(obj({ batchId }), reply<HistoryDetailView>()),
  /** asks Samsung about open forceUpdateIds (one batch, or all of the active tenant) */
  'history:refresh': channel(obj({ batchId: v.nullable(batchId) }), reply<RefreshResultView>()),
  /** everything known about a serial, across all history */
  'history:search': channel(obj({ serial: text({ min: 1, max: 200 }) }), reply<SerialLookupView>()),
  /** a batch's results as CSV */
  'history:export': channel(obj({ batchId }), reply<CsvFileView>()),
  /** a draft batch of the failed / unknown / not downloaded devices */
  'history:retry': channel(
    obj({ batchId, from: choice(['failed', 'unknown', 'not-downloaded']), days: whole(0, 90), name: v.pipe(text({ min: 1, max: MAX_BATCH_NAME }), v.trim()) }),
    reply<BatchView>(),
  ),
  /** the redacted report for a support ticket */
  'diagnostics:get': channel(none, reply<DiagnosticsView>()),
} as const;

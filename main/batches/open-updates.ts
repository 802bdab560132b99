// "Is this serial already in a force update that has not finished?" — asked by the dry run so an
// admin does not push the same device twice by accident. The answer comes from the tracking store.
import type { OpenUpdate } from '../../common/batch/preview.ts';

/** Open (not final) force updates of earlier batches, looked up by serial. */
export interface OpenUpdatesLookup {
  /** the open force updates of each given serial that has any */
  openUpdatesFor(serials: readonly string[]): Promise<ReadonlyMap<string, readonly OpenUpdate[]>>;
}

/** Knows no force update: for tests, and for a data folder whose tracking history cannot be read. The real look-up is `trackingOpenUpdates` (track.ts). */
export const noOpenUpdates: OpenUpdatesLookup = {
  openUpdatesFor: () => Promise.resolve(new Map()),
};

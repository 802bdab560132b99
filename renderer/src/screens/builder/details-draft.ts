// The builder's unsaved name, notes and pilot of a batch, and how they compare with the saved batch.
import type { Pilot } from '../../../../common/batch/model.ts';
import type { BatchView } from '../../../../common/contract.ts';

/** The name, notes and pilot as typed (the pilot count as text, so a half-typed number stays). */
export interface DetailsDraft {
  readonly name: string;
  readonly notes: string;
  readonly pilot: 'none' | 'devices' | 'firstCallPerGroup';
  readonly pilotCount: string;
}

/** The draft of a saved batch. */
export function detailsOf(batch: BatchView): DetailsDraft {
  return {
    name: batch.name,
    notes: batch.notes,
    pilot: batch.pilot === null ? 'none' : batch.pilot.kind,
    pilotCount: batch.pilot?.kind === 'devices' ? String(batch.pilot.count) : '10',
  };
}

/** The pilot a draft asks for (a count below 1 or not a number becomes 1). */
export function pilotOf(d: DetailsDraft): Pilot | null {
  if (d.pilot === 'none') return null;
  if (d.pilot === 'firstCallPerGroup') return { kind: 'firstCallPerGroup' };
  return { kind: 'devices', count: Math.max(1, Math.floor(Number(d.pilotCount) || 1)) };
}

/** Whether the draft differs from what the batch has saved. */
export function detailsDirty(d: DetailsDraft, batch: BatchView): boolean {
  return d.name.trim() !== batch.name || d.notes !== batch.notes || JSON.stringify(pilotOf(d)) !== JSON.stringify(batch.pilot);
}

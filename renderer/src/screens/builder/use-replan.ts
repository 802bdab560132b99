// The dry run follows the saved batch: once a save (here, in another window or from the CLI) makes
// the shown dry run stale, it is worked out again, asking Samsung as the last one did. While it is
// stale the panel says so and "Send…" stays disabled.
import { useEffect, useState } from 'react';
import type { ContractError } from '../../../../common/contract.ts';
import { previewStale, useBatches } from '../../state/batches.ts';

/** The state of the re-plan: whether the dry run shown is stale, and whether its re-plan failed. */
export interface Replan {
  readonly stale: boolean;
  /** the re-plan for this save failed: the admin runs the dry run again */
  readonly failed: boolean;
}

/** Re-plans the stale dry run when nothing else is going on (no unsaved edit, no other action). */
export function useReplan(quiet: boolean, onError: (error: ContractError | null) => void): Replan {
  const stale = useBatches(previewStale);
  const [running, setRunning] = useState(false);
  const [failedFor, setFailedFor] = useState<string | null>(null);
  const editedAt = useBatches((s) => s.current?.edited.at ?? null);

  useEffect(() => {
    // A failed re-plan is not retried for the same save: the admin sees why and runs it again.
    if (!stale || !quiet || running || failedFor === editedAt) return;
    setRunning(true);
    void useBatches
      .getState()
      .runPreview(useBatches.getState().previewOnline)
      .then((result) => {
        setRunning(false);
        if (result.ok) return;
        setFailedFor(editedAt);
        onError(result.error);
      });
  }, [stale, quiet, running, failedFor, editedAt, onError]);

  return { stale, failed: failedFor !== null && failedFor === editedAt };
}

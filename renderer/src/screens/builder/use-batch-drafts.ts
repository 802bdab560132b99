// The builder's unsaved edits of one batch: a draft per group (target, network, schedule), the
// name, notes and pilot, the firmware lists offered per group, and saving the changed ones to main.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { BatchView, ContractError, FirmwareChoicesView } from '../../../../common/contract.ts';
import { useBatches } from '../../state/batches.ts';
import { draftFindings, draftOf, isDirty, settingOf, type GroupDraft } from '../group-draft.ts';
import { detailsDirty, detailsOf, pilotOf, type DetailsDraft } from './details-draft.ts';

/** The drafts of a batch and what is known about them. */
export interface BatchDrafts {
  readonly drafts: Readonly<Record<string, GroupDraft>>;
  setDraft(key: string, draft: GroupDraft): void;
  readonly details: DetailsDraft;
  setDetails(details: DetailsDraft): void;
  readonly firmware: Readonly<Record<string, FirmwareChoicesView>>;
  /** stores a firmware list main answered for a group */
  setFirmware(key: string, choices: FirmwareChoicesView): void;
  /** anything differs from the saved batch */
  readonly dirty: boolean;
  /** the errors the drafts would save */
  readonly draftErrors: number;
  /** saves every changed group, then the details; the first error stops it and is answered */
  save(): Promise<ContractError | null>;
}

/** The drafts of `batch`, reset group by group when main answers a new view of it. */
export function useBatchDrafts(batch: BatchView): BatchDrafts {
  const [firmware, setFirmwareAll] = useState<Record<string, FirmwareChoicesView>>({});
  const [drafts, setDrafts] = useState<Record<string, GroupDraft>>({});
  const [details, setDetails] = useState<DetailsDraft>(() => detailsOf(batch));

  // Cached firmware lists, so a group picked from a list shows as such.
  useEffect(() => {
    let live = true;
    for (const g of batch.groups) {
      void useBatches
        .getState()
        .firmware(g.model, g.salesCode, false)
        .then((r) => {
          if (live && r.ok) setFirmwareAll((f) => ({ ...f, [g.key]: r.data }));
        });
    }
    return () => {
      live = false;
    };
  }, [batch.groups]);

  // A new view from main (saved, or changed elsewhere) resets the drafts of the groups it changed.
  useEffect(() => {
    setDrafts((old) => {
      const next: Record<string, GroupDraft> = {};
      for (const g of batch.groups) {
        const kept = old[g.key];
        next[g.key] = kept && isDirty(kept, g) ? kept : draftOf(g, firmware[g.key]?.items ?? []);
      }
      return next;
    });
  }, [batch, firmware]);

  useEffect(() => {
    setDetails((d) => (detailsDirty(d, batch) ? d : detailsOf(batch)));
  }, [batch]);

  const dirtyGroups = batch.groups.filter((g) => drafts[g.key] && isDirty(drafts[g.key] as GroupDraft, g));
  const dirty = dirtyGroups.length > 0 || detailsDirty(details, batch);
  const draftErrors = useMemo(
    () => batch.groups.flatMap((g) => (drafts[g.key] ? draftFindings(drafts[g.key] as GroupDraft, g) : [])).filter((f) => f.severity === 'error').length,
    [batch.groups, drafts],
  );

  const save = useCallback(async (): Promise<ContractError | null> => {
    const slice = useBatches.getState();
    for (const g of dirtyGroups) {
      const result = await slice.setGroup(settingOf(drafts[g.key] as GroupDraft));
      if (!result.ok) return result.error;
    }
    if (detailsDirty(details, batch)) {
      const result = await slice.setDetails({ name: details.name.trim(), notes: details.notes, pilot: pilotOf(details) });
      if (!result.ok) return result.error;
    }
    return null;
  }, [batch, details, dirtyGroups, drafts]);

  return {
    drafts,
    setDraft: (key, draft) => setDrafts((all) => ({ ...all, [key]: draft })),
    details,
    setDetails,
    firmware,
    setFirmware: (key, choices) => setFirmwareAll((f) => ({ ...f, [key]: choices })),
    dirty,
    draftErrors,
    save,
  };
}

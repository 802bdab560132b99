// What the builder's buttons do: save the draft, the dry run (never a send; Ctrl/Cmd+Enter too), a
// group's firmware list from Samsung, the `.fotabatch` export, and the Excluded list's edits — each
// through the batches slice, announced, with main's error kept to show.
import { useCallback, useEffect, useState } from 'react';
import type { BatchView, ContractError, Result } from '../../../../common/contract.ts';
import { useApp } from '../../state/app.ts';
import { useBatches } from '../../state/batches.ts';
import { useCommands } from '../../state/commands.ts';
import { downloadText } from '../../util/download.ts';
import { count } from '../../util/format.ts';
import type { BatchDrafts } from './use-batch-drafts.ts';

/** What the builder is doing now. */
export type BuilderBusy = null | 'save' | 'dry-run' | 'export';

/** The builder's actions and their state. */
export interface BuilderActions {
  readonly busy: BuilderBusy;
  readonly error: ContractError | null;
  setError(error: ContractError | null): void;
  /** the group whose firmware list is being fetched */
  readonly fetching: string | null;
  saveDraft(): void;
  dryRun(): void;
  exportFile(): void;
  fetchFirmware(key: string, model: string, salesCode: string): void;
  takeBack(serial: string): void;
  exclude(serial: string, reason: string): void;
}

/** The actions of the builder of the open batch; `locked` when it cannot be edited or sent now. */
export function useBuilderActions(drafts: BatchDrafts, locked: boolean): BuilderActions {
  const announce = useApp((s) => s.announce);
  const pending = useCommands((s) => s.pending);
  const done = useCommands((s) => s.done);
  const [error, setError] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState<BuilderBusy>(null);
  const [fetching, setFetching] = useState<string | null>(null);
  const { save, details } = drafts;

  const saved = useCallback(async (): Promise<boolean> => {
    setError(null);
    const failure = await save();
    if (failure) setError(failure);
    return failure === null;
  }, [save]);

  const saveDraft = async (): Promise<void> => {
    setBusy('save');
    const ok = await saved();
    setBusy(null);
    if (ok) announce(`Draft of ${details.name.trim()} saved.`);
  };

  const dryRun = useCallback(async (): Promise<void> => {
    if (locked) return;
    setBusy('dry-run');
    setError(null);
    announce('Dry run: checking the batch and asking Samsung which devices cannot be updated…');
    if (!(await saved())) {
      setBusy(null);
      announce('The draft could not be saved; the dry run did not run.');
      return;
    }
    const result = await useBatches.getState().runPreview(true);
    setBusy(null);
    if (!result.ok) {
      setError(result.error);
      announce('The dry run failed.');
      return;
    }
    const p = result.data.preview;
    announce(`Dry run: ${count(p.totals.devicesToSend, 'device')} to send in ${count(p.totals.calls, 'call')}, ${p.totals.excluded} excluded, ${count(p.summary.heldBack.length, 'device')} held back, ${count(p.errors, 'error')}, ${count(p.warnings, 'warning')}. Nothing was sent.`);
  }, [announce, locked, saved]);

  // Ctrl/Cmd+Enter: the dry run (never a send).
  useEffect(() => {
    if (pending?.command !== 'dry-run') return;
    done(pending.id);
    void dryRun();
  }, [pending, done, dryRun]);

  const fetchFirmware = async (key: string, model: string, salesCode: string): Promise<void> => {
    setFetching(key);
    const result = await useBatches.getState().firmware(model, salesCode, true);
    setFetching(null);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    drafts.setFirmware(key, result.data);
    if (result.data.error) setError(result.data.error);
    else announce(`${count(result.data.items.length, 'firmware')} offered for ${model} / ${salesCode}.`);
  };

  const exportFile = async (): Promise<void> => {
    setBusy('export');
    if (!(await saved())) {
      setBusy(null);
      return;
    }
    const result = await useBatches.getState().exportFile();
    setBusy(null);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    downloadText(result.data.fileName, result.data.text, 'application/json');
    announce(`${result.data.fileName} saved to your downloads. Its SHA-256 detects damage in transit; it is not a signature.`);
  };

  const edit = async (call: () => Promise<Result<BatchView>>, message: string): Promise<void> => {
    setError(null);
    const result = await call();
    if (!result.ok) setError(result.error);
    else announce(message);
  };

  return {
    busy,
    error,
    setError,
    fetching,
    saveDraft: () => void saveDraft(),
    dryRun: () => void dryRun(),
    exportFile: () => void exportFile(),
    fetchFirmware: (key, model, salesCode) => void fetchFirmware(key, model, salesCode),
    takeBack: (serial) => void edit(() => useBatches.getState().takeBack([serial]), `${serial} taken back: it will be sent. Run the dry run again.`),
    exclude: (serial, reason) => void edit(() => useBatches.getState().exclude([serial], reason), `${serial} left out.`),
  };
}

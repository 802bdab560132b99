// The batch builder: one batch's groups by model and sales code (target, network, immediate or
// scheduled), its pilot, its Excluded list, where it came from (files, or who prepared a hand-off
// file, where and when), saving the draft, the `.fotabatch` export and the dry run (Ctrl/Cmd+Enter).
// Sending starts only from the confirmation dialog (DryRunPanel); a damaged send journal is repaired here.
import { useMemo } from 'react';
import type { BatchView } from '../../../common/contract.ts';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { useApp } from '../state/app.ts';
import { useBatches } from '../state/batches.ts';
import { useGroups } from '../state/groups.ts';
import { useSend } from '../state/send.ts';
import { count } from '../util/format.ts';
import { BatchDetailsForm } from './builder/BatchDetailsForm.tsx';
import { BatchFacts } from './builder/BatchFacts.tsx';
import { useBatchDrafts } from './builder/use-batch-drafts.ts';
import { useBuilderActions, type BuilderActions } from './builder/use-builder-actions.ts';
import { useReplan, type Replan } from './builder/use-replan.ts';
import { DryRunPanel } from './DryRunPanel.tsx';
import { ExcludedList } from './ExcludedList.tsx';
import { FindingList } from './FindingList.tsx';
import { GroupEditor } from './GroupEditor.tsx';
import { ErrorWithRepair } from './JournalRepair.tsx';

/** The builder of the batch open in the batches slice. */
export function BatchBuilderScreen() {
  const { current: batch, error: loadError, currentId } = useBatches();
  if (currentId === null) return <NoBatch />;
  if (batch === null) {
    return (
      <section aria-labelledby="builder-title">
        <h1 id="builder-title" tabIndex={-1}>
          Batch
        </h1>
        {loadError ? <ErrorNote error={loadError} /> : <p className="muted">Loading…</p>}
      </section>
    );
  }
  return <Builder key={batch.id} batch={batch} />;
}

function NoBatch() {
  const navigate = useApp((s) => s.navigate);
  return (
    <section aria-labelledby="builder-title">
      <h1 id="builder-title" tabIndex={-1}>
        Batch
      </h1>
      <p>
        No batch is open. <button type="button" className="link" onClick={() => navigate('batches')}>Choose one in Batches</button>.
      </p>
    </section>
  );
}

/** Why "Send…" cannot be pressed now, or null. */
function sendBlockedBy(batch: BatchView, locked: boolean, dirty: boolean, sendable: boolean | null, replan: Replan): string | null {
  if (locked) return batch.activeTenant ? 'A send of this batch is open.' : `Prepared for customer ID ${batch.customerId}; make a profile of that tenant active to send it.`;
  if (dirty) return 'Save the changes and run the dry run again first.';
  if (replan.stale) return staleText(replan);
  if (sendable === false) return 'Fix the errors of the dry run first.';
  return null;
}

/** What the dry run panel says while it shows a plan of an older save. */
function staleText(replan: Replan): string {
  return replan.failed ? 'The batch changed after this dry run. Run the dry run again.' : 'The batch changed after this dry run; it is being worked out again…';
}

function Builder({ batch }: { readonly batch: BatchView }) {
  const announce = useApp((s) => s.announce);
  const navigate = useApp((s) => s.navigate);
  const preview = useBatches((s) => s.preview);
  const groupsView = useGroups((s) => s.view);
  const knownGroups = useMemo(() => groupsView?.groups.map((g) => g.groupId) ?? [], [groupsView]);
  const sending = batch.sendState === 'sending' || batch.sendState === 'unfinished';
  const locked = sending || !batch.activeTenant;
  const drafts = useBatchDrafts(batch);
  const actions = useBuilderActions(drafts, locked);
  const replan = useReplan(!drafts.dirty && actions.busy === null && !locked, actions.setError);
  const sendDisabledReason = sendBlockedBy(batch, locked, drafts.dirty, preview ? preview.preview.sendable : null, replan);

  return (
    <section aria-labelledby="builder-title" data-testid="builder">
      <h1 id="builder-title" tabIndex={-1}>
        Batch: {batch.name} {batch.practice && <span className="practice-mark">PRACTICE</span>}
      </h1>
      <BatchFacts batch={batch} sending={sending} onShowSend={() => navigate('send')} />
      <ErrorWithRepair
        error={actions.error}
        batchId={batch.id}
        onRepaired={() => {
          actions.setError(null);
          announce('The journal was repaired. Run the dry run, then send again.');
        }}
      />
      <BatchDetailsForm details={drafts.details} disabled={locked} onChange={drafts.setDetails} />

      <h2>Groups by model and sales code</h2>
      {batch.groups.map((g) => {
        const draft = drafts.drafts[g.key];
        return draft ? (
          <GroupEditor
            key={g.key}
            group={g}
            draft={draft}
            onChange={(d) => drafts.setDraft(g.key, d)}
            firmware={drafts.firmware[g.key] ?? null}
            onFetchFirmware={() => actions.fetchFirmware(g.key, g.model, g.salesCode)}
            fetching={actions.fetching === g.key}
            knownGroups={knownGroups}
            disabled={locked}
          />
        ) : null;
      })}

      <h2>Checks of the saved batch</h2>
      {batch.findings.length === 0 ? <p>No finding.</p> : <FindingList findings={batch.findings} label="Checks of the saved batch" testId="batch-findings" showWhere />}

      <BuilderButtons batchId={batch.id} locked={locked} dirty={drafts.dirty} draftErrors={drafts.draftErrors} actions={actions} />

      {preview && preview.batch.id === batch.id && <DryRunPanel batch={batch} view={preview} stale={replan.stale ? staleText(replan) : null} sendDisabledReason={sendDisabledReason} onError={actions.setError} />}

      <ExcludedList batch={batch} disabled={locked} onTakeBack={actions.takeBack} onExclude={actions.exclude} />
    </section>
  );
}

interface BuilderButtonsProps {
  readonly batchId: string;
  readonly locked: boolean;
  readonly dirty: boolean;
  readonly draftErrors: number;
  readonly actions: BuilderActions;
}

function BuilderButtons({ batchId, locked, dirty, draftErrors, actions }: BuilderButtonsProps) {
  const navigate = useApp((s) => s.navigate);
  const sendOpen = useSend((s) => s.views[batchId] !== undefined);
  const { busy } = actions;
  return (
    <div className="actions sticky-actions">
      <button type="button" className="secondary" disabled={locked || !dirty || busy !== null} onClick={actions.saveDraft}>
        {busy === 'save' ? 'Saving…' : dirty ? 'Save draft' : 'Draft saved'}
      </button>
      <button type="button" disabled={locked || busy !== null} onClick={actions.dryRun} aria-keyshortcuts="Control+Enter Meta+Enter">
        {busy === 'dry-run' ? 'Running the dry run…' : 'Dry run (Ctrl+Enter)'}
      </button>
      <button type="button" className="secondary" disabled={busy !== null} onClick={actions.exportFile}>
        Export .fotabatch
      </button>
      {sendOpen && (
        <button type="button" className="secondary" onClick={() => navigate('send')}>
          Show the send
        </button>
      )}
      {draftErrors > 0 && <span className="muted">{count(draftErrors, 'error')} to fix above before sending.</span>}
    </div>
  );
}

// The batch builder: one batch's groups by model and sales code (target, network, immediate or
// scheduled), its pilot, its Excluded list, where it came from (files, or who prepared a hand-off
// file, where and when), saving the draft, the `.fotabatch` export and the dry run (Ctrl/Cmd+Enter).
// Sending starts only from the confirmation dialog (DryRunPanel); a damaged send journal is repaired here.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Pilot } from '../../../common/batch/model.ts';
import type { BatchView, ContractError, FirmwareChoicesView, Result } from '../../../common/contract.ts';
import { fota } from '../bridge/fota.ts';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { ErrorWithRepair } from './JournalRepair.tsx';
import { Field } from '../components/Field.tsx';
import { useApp } from '../state/app.ts';
import { useBatches } from '../state/batches.ts';
import { useCommands } from '../state/commands.ts';
import { useGroups } from '../state/groups.ts';
import { useSend } from '../state/send.ts';
import { downloadText } from '../util/download.ts';
import { count, dateTime } from '../util/format.ts';
import { DryRunPanel } from './DryRunPanel.tsx';
import { ExcludedList } from './ExcludedList.tsx';
import { FindingList } from './FindingList.tsx';
import { GroupEditor } from './GroupEditor.tsx';
import { draftFindings, draftOf, isDirty, settingOf, type GroupDraft } from './group-draft.ts';

interface DetailsDraft {
  readonly name: string;
  readonly notes: string;
  readonly pilot: 'none' | 'devices' | 'firstCallPerGroup';
  readonly pilotCount: string;
}

function detailsOf(batch: BatchView): DetailsDraft {
  return {
    name: batch.name,
    notes: batch.notes,
    pilot: batch.pilot === null ? 'none' : batch.pilot.kind,
    pilotCount: batch.pilot?.kind === 'devices' ? String(batch.pilot.count) : '10',
  };
}

function pilotOf(d: DetailsDraft): Pilot | null {
  if (d.pilot === 'none') return null;
  if (d.pilot === 'firstCallPerGroup') return { kind: 'firstCallPerGroup' };
  return { kind: 'devices', count: Math.max(1, Math.floor(Number(d.pilotCount) || 1)) };
}

function detailsDirty(d: DetailsDraft, batch: BatchView): boolean {
  return d.name.trim() !== batch.name || d.notes !== batch.notes || JSON.stringify(pilotOf(d)) !== JSON.stringify(batch.pilot);
}

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

function Builder({ batch }: { readonly batch: BatchView }) {
  const announce = useApp((s) => s.announce);
  const navigate = useApp((s) => s.navigate);
  const { apply, preview, setPreview, include } = useBatches();
  const groupsView = useGroups((s) => s.view);
  const knownGroups = useMemo(() => groupsView?.groups.map((g) => g.groupId) ?? [], [groupsView]);
  const sendView = useSend((s) => s.views[batch.id] ?? null);
  const [firmware, setFirmware] = useState<Record<string, FirmwareChoicesView>>({});
  const [fetching, setFetching] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<Record<string, GroupDraft>>({});
  const [details, setDetails] = useState<DetailsDraft>(() => detailsOf(batch));
  const [error, setError] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState<null | 'save' | 'dry-run' | 'export'>(null);
  const pending = useCommands((s) => s.pending);
  const done = useCommands((s) => s.done);
  const sending = batch.sendState === 'sending' || batch.sendState === 'unfinished';
  const locked = sending || !batch.activeTenant;

  // Cached firmware lists, so a group picked from a list shows as such.
  useEffect(() => {
    let live = true;
    for (const g of batch.groups) {
      void fota()
        .invoke['batches:firmware']({ model: g.model, salesCode: g.salesCode, refresh: false })
        .then((r) => {
          if (live && r.ok) setFirmware((f) => ({ ...f, [g.key]: r.data }));
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
  const draftErrors = useMemo(() => batch.groups.flatMap((g) => (drafts[g.key] ? draftFindings(drafts[g.key] as GroupDraft, g) : [])).filter((f) => f.severity === 'error'), [batch.groups, drafts]);

  const save = useCallback(async (): Promise<boolean> => {
    setError(null);
    for (const g of dirtyGroups) {
      const draft = drafts[g.key] as GroupDraft;
      const result = await apply(() => fota().invoke['batches:setGroup']({ id: batch.id, group: settingOf(draft) }));
      if (!result.ok) {
        setError(result.error);
        return false;
      }
    }
    if (detailsDirty(details, batch)) {
      const result = await apply(() => fota().invoke['batches:setDetails']({ id: batch.id, details: { name: details.name.trim(), notes: details.notes, pilot: pilotOf(details) } }));
      if (!result.ok) {
        setError(result.error);
        return false;
      }
    }
    return true;
  }, [apply, batch, details, dirtyGroups, drafts]);

  const saveDraft = async (): Promise<void> => {
    setBusy('save');
    const ok = await save();
    setBusy(null);
    if (ok) announce(`Draft of ${details.name.trim()} saved.`);
  };

  const dryRun = useCallback(async (): Promise<void> => {
    if (locked) return;
    setBusy('dry-run');
    setError(null);
    announce('Dry run: checking the batch and asking Samsung which devices cannot be updated…');
    if (!(await save())) {
      setBusy(null);
      announce('The draft could not be saved; the dry run did not run.');
      return;
    }
    const result = await fota().invoke['batches:preview']({ id: batch.id, online: true, include: { all: include.all, serials: include.serials } });
    setBusy(null);
    if (!result.ok) {
      setError(result.error);
      announce('The dry run failed.');
      return;
    }
    useBatches.getState().receive(result.data.batch);
    setPreview(result.data);
    const p = result.data.preview;
    announce(`Dry run: ${count(p.totals.devicesToSend, 'device')} to send in ${count(p.totals.calls, 'call')}, ${p.totals.excluded} excluded, ${count(p.summary.heldBack.length, 'device')} held back, ${count(p.errors, 'error')}, ${count(p.warnings, 'warning')}. Nothing was sent.`);
  }, [announce, batch.id, include, locked, save, setPreview]);

  // Ctrl/Cmd+Enter: the dry run (never a send).
  useEffect(() => {
    if (pending?.command !== 'dry-run') return;
    done(pending.id);
    void dryRun();
  }, [pending, done, dryRun]);

  const fetchFirmware = async (key: string, model: string, salesCode: string): Promise<void> => {
    setFetching(key);
    const result = await fota().invoke['batches:firmware']({ model, salesCode, refresh: true });
    setFetching(null);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setFirmware((f) => ({ ...f, [key]: result.data }));
    if (result.data.error) setError(result.data.error);
    else announce(`${count(result.data.items.length, 'firmware')} offered for ${model} / ${salesCode}.`);
  };

  const exportFile = async (): Promise<void> => {
    setBusy('export');
    if (!(await save())) {
      setBusy(null);
      return;
    }
    const result = await fota().invoke['batches:export']({ id: batch.id });
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
    const result = await apply(call);
    if (!result.ok) setError(result.error);
    else {
      setPreview(null);
      announce(message);
    }
  };

  const sendDisabledReason = locked
    ? batch.activeTenant
      ? 'A send of this batch is open.'
      : `Prepared for customer ID ${batch.customerId}; make a profile of that tenant active to send it.`
    : dirty
      ? 'Save the changes and run the dry run again first.'
      : preview && !preview.preview.sendable
        ? 'Fix the errors of the dry run first.'
        : null;

  return (
    <section aria-labelledby="builder-title" data-testid="builder">
      <h1 id="builder-title" tabIndex={-1}>
        Batch: {batch.name} {batch.practice && <span className="practice-mark">PRACTICE</span>}
      </h1>
      <p className="lead">
        {count(batch.devices, 'device')} in {count(batch.groups.length, 'group')}, {batch.excludedTotal.toLocaleString()} excluded. Created {dateTime(batch.created.at)} by {batch.created.by.user} on{' '}
        {batch.created.by.host}; last edited {dateTime(batch.edited.at)}.
      </p>
      {!batch.activeTenant && (
        <p className="note note-warning">
          This batch was prepared for customer ID <code>{batch.customerId}</code>, not for the active profile. Make a profile of that tenant active in Settings to run its
          dry run or send it.
        </p>
      )}
      {sending && (
        <p className="note note-info">
          A send of this batch is open, so the batch cannot be edited now.{' '}
          <button type="button" className="link" onClick={() => navigate('send')}>
            Show the send
          </button>
        </p>
      )}
      {batch.handoff && (
        <p className="note note-info" data-testid="handoff">
          From the hand-off file <strong>{batch.handoff.fileName}</strong>: prepared by <strong>{batch.handoff.prepared.by.user}</strong> on{' '}
          <strong>{batch.handoff.prepared.by.host}</strong>, {dateTime(batch.handoff.prepared.at)}; imported here by {batch.handoff.imported.by.user}, {dateTime(batch.handoff.imported.at)}. Its
          checksum was verified — it detects damage, it is not a signature: make sure you know who prepared it.
        </p>
      )}
      {batch.sources.length > 0 && (
        <ul className="notices" aria-label="Imported files">
          {batch.sources.map((s) => (
            <li key={`${s.fileName}|${s.sha256}`}>
              {s.fileName}: {count(s.devices, 'device')}, SHA-256 <code title={s.sha256}>{s.sha256.slice(0, 12)}…</code>, imported {dateTime(s.importedAt)}
            </li>
          ))}
        </ul>
      )}
      <ErrorWithRepair
        error={error}
        batchId={batch.id}
        onRepaired={() => {
          setError(null);
          announce('The journal was repaired. Run the dry run, then send again.');
        }}
      />

      <fieldset className="details" disabled={locked}>
        <legend className="visually-hidden">Name, notes and pilot</legend>
        <div className="form-row">
          <Field label="Batch name">{({ id }) => <input id={id} value={details.name} maxLength={100} onChange={(e) => setDetails({ ...details, name: e.target.value })} />}</Field>
          <Field label="Notes">{({ id }) => <input id={id} value={details.notes} onChange={(e) => setDetails({ ...details, notes: e.target.value })} />}</Field>
        </div>
        <fieldset className="radio-group">
          <legend>Pilot</legend>
          <label className="checkbox">
            <input type="radio" name="pilot" checked={details.pilot === 'none'} onChange={() => setDetails({ ...details, pilot: 'none' })} />
            No pilot: send everything
          </label>
          <label className="checkbox">
            <input type="radio" name="pilot" checked={details.pilot === 'devices'} onChange={() => setDetails({ ...details, pilot: 'devices' })} />
            Send the first
            <input className="inline-number" type="number" min={1} aria-label="Pilot devices" value={details.pilotCount} onChange={(e) => setDetails({ ...details, pilot: 'devices', pilotCount: e.target.value })} />
            devices, then pause for review
          </label>
          <label className="checkbox">
            <input type="radio" name="pilot" checked={details.pilot === 'firstCallPerGroup'} onChange={() => setDetails({ ...details, pilot: 'firstCallPerGroup' })} />
            Send the first call of each group, then pause for review
          </label>
        </fieldset>
      </fieldset>

      <h2>Groups by model and sales code</h2>
      {batch.groups.map((g) =>
        drafts[g.key] ? (
          <GroupEditor
            key={g.key}
            group={g}
            draft={drafts[g.key] as GroupDraft}
            onChange={(d) => setDrafts((all) => ({ ...all, [g.key]: d }))}
            firmware={firmware[g.key] ?? null}
            onFetchFirmware={() => void fetchFirmware(g.key, g.model, g.salesCode)}
            fetching={fetching === g.key}
            knownGroups={knownGroups}
            disabled={locked}
          />
        ) : null,
      )}

      <h2>Checks of the saved batch</h2>
      {batch.findings.length === 0 ? <p>No finding.</p> : <FindingList findings={batch.findings} label="Checks of the saved batch" testId="batch-findings" showWhere />}

      <div className="actions sticky-actions">
        <button type="button" className="secondary" disabled={locked || !dirty || busy !== null} onClick={() => void saveDraft()}>
          {busy === 'save' ? 'Saving…' : dirty ? 'Save draft' : 'Draft saved'}
        </button>
        <button type="button" disabled={locked || busy !== null} onClick={() => void dryRun()} aria-keyshortcuts="Control+Enter Meta+Enter">
          {busy === 'dry-run' ? 'Running the dry run…' : 'Dry run (Ctrl+Enter)'}
        </button>
        <button type="button" className="secondary" disabled={busy !== null} onClick={() => void exportFile()}>
          Export .fotabatch
        </button>
        {sendView && (
          <button type="button" className="secondary" onClick={() => navigate('send')}>
            Show the send
          </button>
        )}
        {draftErrors.length > 0 && <span className="muted">{count(draftErrors.length, 'error')} to fix above before sending.</span>}
      </div>

      {preview && preview.batch.id === batch.id && <DryRunPanel batch={batch} view={preview} sendDisabledReason={sendDisabledReason} onError={setError} />}

      <ExcludedList
        batch={batch}
        disabled={locked}
        onTakeBack={(serial) => void edit(() => fota().invoke['batches:takeBack']({ id: batch.id, serials: [serial] }), `${serial} taken back: it will be sent. Run the dry run again.`)}
        onExclude={(serial, reason) => void edit(() => fota().invoke['batches:exclude']({ id: batch.id, serials: [serial], reason }), `${serial} left out.`)}
      />
    </section>
  );
}

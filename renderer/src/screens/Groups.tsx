// Groups: the device groups this profile registered or the admin entered (Samsung has no call to
// list them), their Corp ID for the MDM policy, moving a group to another licence, and the
// enrolment check of pasted serials.
import { useEffect, useState, type FormEvent } from 'react';
import type { ContractError, GroupView } from '../../../common/contract.ts';
import { Dialog } from '../components/Dialog.tsx';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { Field } from '../components/Field.tsx';
import { Subject } from '../components/Subject.tsx';
import { useApp } from '../state/app.ts';
import { useGroups } from '../state/groups.ts';
import { activeProfile, useProfiles } from '../state/profiles.ts';
import { count, dateTime } from '../util/format.ts';
import { EnrolmentCheck } from './EnrolmentCheck.tsx';

type Open = { readonly kind: 'move' | 'forget'; readonly group: GroupView } | { readonly kind: 'add' } | null;

/** The groups screen. */
export function GroupsScreen() {
  const { view, error: loadError, load, register } = useGroups();
  const profile = activeProfile(useProfiles((s) => s.view));
  const announce = useApp((s) => s.announce);
  const [groupId, setGroupId] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState<Open>(null);
  const [copied, setCopied] = useState<string | null>(null);

  useEffect(() => {
    if (view === null) void load();
  }, [view, load]);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    announce(`Registering group ${groupId}…`);
    const result = await register(groupId, note);
    setBusy(false);
    if (result.ok) {
      announce(`Group ${groupId.toUpperCase()} registered.`);
      setGroupId('');
      setNote('');
    } else {
      setError(result.error);
      announce('The group was not registered.');
    }
  };

  const copy = async (group: GroupView): Promise<void> => {
    try {
      await navigator.clipboard.writeText(group.corpId);
      setCopied(group.groupId);
      announce(`Corp ID of ${group.groupId} copied: ${group.corpId}`);
    } catch {
      setCopied(null);
      announce('The clipboard refused; select the Corp ID and copy it by hand.');
    }
  };

  return (
    <section aria-labelledby="groups-title">
      <h1 id="groups-title" tabIndex={-1}>
        Groups
      </h1>
      <p className="lead">
        Device groups of {profile?.practice ? 'the practice tenant' : (profile?.name ?? 'this profile')}. Samsung cannot list groups, so FOTA Desk keeps the ones registered
        here or entered by you.
      </p>
      {view && <p className="note note-info">{view.corpIdHint}</p>}
      <ErrorNote error={loadError} />

      <h2>Register a group</h2>
      <form className="form-row" onSubmit={(e) => void submit(e)} aria-label="Register a group">
        <Field label="Group ID" hint={`Your own name for a group of devices, up to 50 bytes; Samsung stores it in upper case. It is registered on licence ${profile?.license ?? ''}.`}>
          {({ id, describedBy }) => <input id={id} aria-describedby={describedBy} value={groupId} onChange={(e) => setGroupId(e.target.value)} required spellCheck={false} />}
        </Field>
        <Field label="Note (optional)" hint="Only kept here, e.g. which MDM policy uses it.">
          {({ id, describedBy }) => <input id={id} aria-describedby={describedBy} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        <div className="actions">
          <button type="submit" disabled={busy || groupId.trim() === ''} aria-busy={busy}>
            {busy ? 'Registering…' : 'Register group'}
          </button>
          <button type="button" className="secondary" onClick={() => setOpen({ kind: 'add' })}>
            Add a group registered elsewhere…
          </button>
        </div>
      </form>
      <ErrorNote error={error} />

      <h2>Known groups</h2>
      {view && view.groups.length === 0 && <p>No groups yet. Register one above, or add one registered in another tool.</p>}
      {view && view.groups.length > 0 && (
        <table className="table" data-testid="groups-table">
          <caption className="visually-hidden">{count(view.groups.length, 'known group')}</caption>
          <thead>
            <tr>
              <th scope="col">Group ID</th>
              <th scope="col">Licence</th>
              <th scope="col">Corp ID</th>
              <th scope="col">Known since</th>
              <th scope="col">Note</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {view.groups.map((g) => (
              <tr key={g.groupId}>
                <th scope="row">
                  <code>{g.groupId}</code>
                </th>
                <td>
                  <code>{g.license}</code>
                  {g.licenceChangedAt && <span className="muted"> (moved {dateTime(g.licenceChangedAt)})</span>}
                </td>
                <td>
                  <code className="corp-id" data-testid={`corp-id-${g.groupId}`}>
                    {g.corpId}
                  </code>
                </td>
                <td>
                  {dateTime(g.registeredAt ?? g.addedAt)}
                  <span className="muted"> ({g.source === 'registered' ? 'registered here' : 'entered'})</span>
                </td>
                <td>{g.note}</td>
                <td className="row-actions">
                  <button type="button" onClick={() => void copy(g)}>
                    {copied === g.groupId ? 'Copied' : 'Copy Corp ID'}
                    <Subject text={copied === g.groupId ? `Corp ID of ${g.groupId}` : `of ${g.groupId}`} />
                  </button>
                  <button type="button" className="secondary" onClick={() => setOpen({ kind: 'move', group: g })}>
                    Move to another licence
                    <Subject text={g.groupId} />
                  </button>
                  <button type="button" className="secondary" onClick={() => setOpen({ kind: 'forget', group: g })}>
                    Forget
                    <Subject text={g.groupId} />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <EnrolmentCheck />

      <Dialog open={open?.kind === 'move'} title="Move a group to another licence" onClose={() => setOpen(null)}>
        {open?.kind === 'move' && <MoveGroup group={open.group} onDone={() => setOpen(null)} />}
      </Dialog>
      <Dialog open={open?.kind === 'forget'} title="Forget a group" onClose={() => setOpen(null)}>
        {open?.kind === 'forget' && <ForgetGroup group={open.group} onDone={() => setOpen(null)} />}
      </Dialog>
      <Dialog open={open?.kind === 'add'} title="Add a group registered elsewhere" onClose={() => setOpen(null)}>
        {open?.kind === 'add' && <AddGroup onDone={() => setOpen(null)} />}
      </Dialog>
    </section>
  );
}

function MoveGroup({ group, onDone }: { readonly group: GroupView; readonly onDone: () => void }) {
  const changeLicense = useGroups((s) => s.changeLicense);
  const announce = useApp((s) => s.announce);
  const [license, setLicense] = useState('');
  const [error, setError] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    const result = await changeLicense(group.groupId, license);
    setBusy(false);
    if (result.ok) {
      announce(`Group ${group.groupId} moved to licence ${license}.`);
      onDone();
    } else setError(result.error);
  };
  return (
    <form onSubmit={(e) => void submit(e)}>
      <p>
        Group <code>{group.groupId}</code> is on licence <code>{group.license}</code>. Samsung moves it, with its devices, to the licence you enter; the new licence needs the same
        type (SA or EE) and enough free seats.
      </p>
      <Field label="New licence key">
        {({ id }) => <input id={id} value={license} onChange={(e) => setLicense(e.target.value)} required spellCheck={false} autoFocus />}
      </Field>
      <ErrorNote error={error} />
      <div className="actions">
        <button type="submit" disabled={busy || license.trim() === ''} aria-busy={busy}>
          Move group
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function ForgetGroup({ group, onDone }: { readonly group: GroupView; readonly onDone: () => void }) {
  const forget = useGroups((s) => s.forget);
  const announce = useApp((s) => s.announce);
  const [error, setError] = useState<ContractError | null>(null);
  return (
    <>
      <p>
        Forget <code>{group.groupId}</code> here? It stays registered at Samsung (there is no call to unregister a group), and devices with its Corp ID keep using it.
      </p>
      <ErrorNote error={error} />
      <div className="actions">
        <button
          type="button"
          className="danger"
          onClick={() =>
            void forget(group.groupId).then((result) => {
              if (result.ok) {
                announce(`Group ${group.groupId} forgotten.`);
                onDone();
              } else setError(result.error);
            })
          }
        >
          Forget group
        </button>
        <button type="button" className="secondary" onClick={onDone} autoFocus>
          Keep it
        </button>
      </div>
    </>
  );
}

function AddGroup({ onDone }: { readonly onDone: () => void }) {
  const add = useGroups((s) => s.add);
  const announce = useApp((s) => s.announce);
  const profile = activeProfile(useProfiles((s) => s.view));
  const [groupId, setGroupId] = useState('');
  const [license, setLicense] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<ContractError | null>(null);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const result = await add(groupId, license.trim() === '' ? null : license, note);
    if (result.ok) {
      announce(`Group ${groupId.toUpperCase()} added.`);
      onDone();
    } else setError(result.error);
  };
  return (
    <form onSubmit={(e) => void submit(e)}>
      <p>For a group registered in another tool or the Knox console. Nothing is sent to Samsung.</p>
      <Field label="Group ID">{({ id }) => <input id={id} value={groupId} onChange={(e) => setGroupId(e.target.value)} required spellCheck={false} autoFocus />}</Field>
      <Field label="Licence key" hint={`Leave empty for this profile’s licence (${profile?.license ?? ''}).`}>
        {({ id, describedBy }) => <input id={id} aria-describedby={describedBy} value={license} onChange={(e) => setLicense(e.target.value)} spellCheck={false} />}
      </Field>
      <Field label="Note (optional)">{({ id }) => <input id={id} value={note} onChange={(e) => setNote(e.target.value)} />}</Field>
      <ErrorNote error={error} />
      <div className="actions">
        <button type="submit" disabled={groupId.trim() === ''}>
          Add group
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

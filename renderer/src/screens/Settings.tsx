// Settings: connection profiles (add, edit, delete, make active; the practice tenant's reset) and
// app-wide preferences.
import { useEffect, useState } from 'react';
import { CONCURRENCY_RANGE, type ContractError, type ExportDelimiter, type ProfileView, type ProxySelfTestResult } from '../../../common/contract.ts';
import { Dialog } from '../components/Dialog.tsx';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { Field } from '../components/Field.tsx';
import { Subject } from '../components/Subject.tsx';
import { ProfileForm } from '../components/ProfileForm.tsx';
import { useApp } from '../state/app.ts';
import { useLicence } from '../state/licence.ts';
import { usePreferences } from '../state/preferences.ts';
import { useProfiles } from '../state/profiles.ts';

type Open = { readonly kind: 'add' } | { readonly kind: 'edit'; readonly profile: ProfileView } | { readonly kind: 'delete'; readonly profile: ProfileView } | { readonly kind: 'reset' } | null;

const DELIMITERS: readonly { readonly value: ExportDelimiter; readonly label: string }[] = [
  { value: ',', label: 'Comma (,)' },
  { value: ';', label: 'Semicolon (;) — Excel in many European locales' },
  { value: '\t', label: 'Tab' },
];

/** The settings screen. */
export function SettingsScreen() {
  const { view, error: loadError, activate, remove, dismissNotices } = useProfiles();
  const info = useApp((s) => s.info);
  const announce = useApp((s) => s.announce);
  const [open, setOpen] = useState<Open>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);
  const [selfTest, setSelfTest] = useState<{ readonly name: string; readonly result: ProxySelfTestResult } | 'running' | null>(null);

  const testNetwork = async (p: ProfileView): Promise<void> => {
    setSelfTest('running');
    announce(`Testing the network path of ${p.name}…`);
    const result = await useProfiles.getState().selfTest(p.id);
    if (!result.ok) {
      setSelfTest(null);
      setError(result.error);
      return;
    }
    setSelfTest({ name: p.name, result: result.data });
    announce(result.data.message);
  };

  const act = async (run: () => Promise<{ ok: boolean; error?: ContractError }>, done: string): Promise<void> => {
    setBusy(true);
    setError(null);
    const result = await run();
    setBusy(false);
    if (!result.ok) setError(result.error ?? null);
    else {
      setOpen(null);
      announce(done);
    }
  };

  const resetPractice = async (): Promise<void> => {
    await act(() => useLicence.getState().resetPractice(), 'The practice tenant was reset to the demo data.');
  };

  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title" tabIndex={-1}>
        Settings
      </h1>
      <h2>Connection profiles</h2>
      <ErrorNote error={loadError} />
      <ErrorNote error={error} />
      {view && view.notices.length > 0 && (
        <div className="note note-warning" data-testid="notices">
          <ul>
            {view.notices.map((notice) => (
              <li key={notice}>{notice}</li>
            ))}
          </ul>
          <button type="button" className="secondary" onClick={() => void act(() => dismissNotices(), 'Notices dismissed.')}>
            Dismiss
          </button>
        </div>
      )}
      {view?.keychainProblem && <p className="note note-warning">The OS keychain could not be asked whether secrets are stored: {view.keychainProblem}</p>}
      <table className="table">
        <caption className="visually-hidden">Connection profiles</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Customer ID</th>
            <th scope="col">Licence</th>
            <th scope="col">Client secret</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {view?.profiles.map((p) => {
            const active = p.id === view.activeId;
            return (
              <tr key={p.id} aria-current={active ? 'true' : undefined} className={active ? 'active-row' : undefined}>
                <th scope="row">
                  {p.name} {p.practice && <span className="practice-mark">PRACTICE</span>} {active && <span className="tag">active</span>}
                </th>
                <td>
                  <code>{p.customerId}</code>
                </td>
                <td>
                  <code>{p.license}</code>
                </td>
                <td>{p.practice ? 'not needed' : p.secretStored === null ? 'unknown (keychain unavailable)' : p.secretStored ? 'stored in the keychain' : 'not stored'}</td>
                <td className="row-actions">
                  {!active && (
                    <button type="button" disabled={busy} onClick={() => void act(() => activate(p.id), `${p.name} is now the active profile.`)}>
                      Make active<Subject text={p.name} />
                    </button>
                  )}
                  <button type="button" className="secondary" disabled={selfTest === 'running'} onClick={() => void testNetwork(p)}>
                    Test the network path<Subject text={p.name} />
                  </button>
                  {p.practice ? (
                    <button type="button" className="secondary" disabled={busy} onClick={() => setOpen({ kind: 'reset' })}>
                      Reset practice tenant…
                    </button>
                  ) : (
                    <>
                      <button type="button" className="secondary" onClick={() => setOpen({ kind: 'edit', profile: p })}>
                        Edit<Subject text={p.name} />
                      </button>
                      <button type="button" className="danger" onClick={() => setOpen({ kind: 'delete', profile: p })}>
                        Delete<Subject text={p.name} />
                      </button>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {selfTest !== null && (
        <div className={selfTest === 'running' ? 'note note-info' : selfTest.result.ok ? 'note note-ok' : 'note note-warning'} data-testid="network-self-test">
          {selfTest === 'running' ? (
            <p>Testing the network path…</p>
          ) : (
            <>
              <p>
                <strong>{selfTest.name}:</strong> {selfTest.result.message}
              </p>
              {selfTest.result.routes.length > 0 && <p className="code">Route: {selfTest.result.routes.map((r) => r.text).join('; ')}</p>}
            </>
          )}
        </div>
      )}
      <p>
        <button type="button" onClick={() => setOpen({ kind: 'add' })}>
          Add a profile…
        </button>
      </p>

      <Preferences />

      {info && (
        <>
          <h2>About</h2>
          <dl className="facts">
            <div>
              <dt>Version</dt>
              <dd>
                {info.name} {info.version} ({info.transport === 'web' ? 'web mode' : 'desktop app'})
              </dd>
            </div>
            <div>
              <dt>Data folder</dt>
              <dd>
                <code>{info.dataDir}</code>
              </dd>
            </div>
          </dl>
        </>
      )}

      <Dialog open={open?.kind === 'add'} title="Add a profile" onClose={() => setOpen(null)} wide>
        <ProfileForm initial={null} activate={false} submitLabel="Save profile" onSaved={() => setOpen(null)} onCancel={() => setOpen(null)} />
      </Dialog>
      <Dialog open={open?.kind === 'edit'} title={open?.kind === 'edit' ? `Edit ${open.profile.name}` : 'Edit profile'} onClose={() => setOpen(null)} wide>
        {open?.kind === 'edit' && <ProfileForm initial={open.profile} activate={false} submitLabel="Save changes" onSaved={() => setOpen(null)} onCancel={() => setOpen(null)} />}
      </Dialog>
      <Dialog open={open?.kind === 'delete'} title="Delete profile" onClose={() => setOpen(null)}>
        {open?.kind === 'delete' && (
          <>
            <p>
              Delete <strong>{open.profile.name}</strong>? Its client secret is removed from the keychain. Its history of batches and force updates is kept in the data
              folder.
            </p>
            <ErrorNote error={error} />
            <div className="actions">
              <button type="button" className="danger" disabled={busy} onClick={() => void act(() => remove(open.profile.id), `${open.profile.name} was deleted.`)}>
                Delete profile
              </button>
              <button type="button" className="secondary" onClick={() => setOpen(null)} autoFocus>
                Keep it
              </button>
            </div>
          </>
        )}
      </Dialog>
      <Dialog open={open?.kind === 'reset'} title="Reset the practice tenant" onClose={() => setOpen(null)}>
        <p>The practice tenant goes back to the demo data: its licence, groups, devices and force updates. Real tenants are not touched.</p>
        <ErrorNote error={error} />
        <div className="actions">
          <button type="button" className="danger" disabled={busy} onClick={() => void resetPractice()}>
            Reset practice tenant
          </button>
          <button type="button" className="secondary" onClick={() => setOpen(null)} autoFocus>
            Cancel
          </button>
        </div>
      </Dialog>
    </section>
  );
}

function Preferences() {
  const { view, error, update, load } = usePreferences();
  const announce = useApp((s) => s.announce);
  const [problem, setProblem] = useState<ContractError | null>(null);
  useEffect(() => {
    if (view === null) void load();
  }, [view, load]);
  if (view === null) return <ErrorNote error={error} />;

  const change = async (patch: Parameters<typeof update>[0]): Promise<void> => {
    const result = await update(patch);
    setProblem(result.ok ? null : result.error);
    if (result.ok) announce('Preference saved.');
  };

  return (
    <>
      <h2>Preferences</h2>
      <ErrorNote error={problem} />
      <div className="form-row">
        <Field label="Calls to E-FOTA at once while sending" hint={`From ${CONCURRENCY_RANGE.min} to ${CONCURRENCY_RANGE.max}. More is faster; Samsung may answer “too many requests” (429) when it is too high.`}>
          {({ id, describedBy }) => (
            <input
              id={id}
              type="number"
              min={CONCURRENCY_RANGE.min}
              max={CONCURRENCY_RANGE.max}
              aria-describedby={describedBy}
              key={view.concurrency}
              defaultValue={view.concurrency}
              onBlur={(e) => {
                const value = Number(e.target.value);
                if (value !== view.concurrency) void change({ concurrency: value });
              }}
            />
          )}
        </Field>
        <Field label="Delimiter of exported CSV files" hint="Use semicolon when Excel on your computer opens commas as one column.">
          {({ id, describedBy }) => (
            <select id={id} aria-describedby={describedBy} value={view.exportDelimiter} onChange={(e) => void change({ exportDelimiter: e.target.value as ExportDelimiter })}>
              {DELIMITERS.map((d) => (
                <option key={d.label} value={d.value}>
                  {d.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
    </>
  );
}

// Settings: connection profiles (add, edit, delete, make active; the practice tenant's reset) and
// app-wide preferences.
import { useState } from 'react';
import type { ContractError, ProfileView } from '../../../common/contract.ts';
import { Dialog } from '../components/Dialog.tsx';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { ProfileForm } from '../components/ProfileForm.tsx';
import { useApp } from '../state/app.ts';
import { useLicense } from '../state/license.ts';
import { useProfiles } from '../state/profiles.ts';
import { NetworkSelfTestNote, type SelfTestState } from './settings/NetworkSelfTestNote.tsx';
import { PreferencesForm } from './settings/PreferencesForm.tsx';
import { ProfilesTable } from './settings/ProfilesTable.tsx';

type Open = { readonly kind: 'add' } | { readonly kind: 'edit'; readonly profile: ProfileView } | { readonly kind: 'delete'; readonly profile: ProfileView } | { readonly kind: 'reset' } | null;

/** The settings screen. */
export function SettingsScreen() {
  const { view, error: loadError, activate, remove, dismissNotices } = useProfiles();
  const info = useApp((s) => s.info);
  const announce = useApp((s) => s.announce);
  const [open, setOpen] = useState<Open>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);
  const [selfTest, setSelfTest] = useState<SelfTestState>(null);

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
    await act(() => useLicense.getState().resetPractice(), 'The practice tenant was reset to the demo data.');
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
      <ProfilesTable
        view={view}
        busy={busy}
        selfTestRunning={selfTest === 'running'}
        onActivate={(p) => void act(() => activate(p.id), `${p.name} is now the active profile.`)}
        onSelfTest={(p) => void testNetwork(p)}
        onResetPractice={() => setOpen({ kind: 'reset' })}
        onEdit={(p) => setOpen({ kind: 'edit', profile: p })}
        onDelete={(p) => setOpen({ kind: 'delete', profile: p })}
      />
      <NetworkSelfTestNote state={selfTest} />
      <p>
        <button type="button" onClick={() => setOpen({ kind: 'add' })}>
          Add a profile…
        </button>
      </p>

      <PreferencesForm />

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

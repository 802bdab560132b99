// First run: practice mode (the default, nothing to set up) or connect a real tenant.
import { useState } from 'react';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { ProfileForm } from '../components/ProfileForm.tsx';
import { useApp } from '../state/app.ts';
import { usePreferences } from '../state/preferences.ts';
import { useProfiles } from '../state/profiles.ts';
import type { ContractError } from '../../../common/contract.ts';
import { useLicense } from '../state/license.ts';
import { useGroups } from '../state/groups.ts';

/** The welcome screen. */
export function FirstRunScreen() {
  const [mode, setMode] = useState<'choose' | 'connect'>('choose');
  const [error, setError] = useState<ContractError | null>(null);
  const navigate = useApp((s) => s.navigate);
  const view = useProfiles((s) => s.view);
  const activate = useProfiles((s) => s.activate);
  const update = usePreferences((s) => s.update);

  const finish = async (): Promise<void> => {
    const result = await update({ welcomeDone: true });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    void useLicense.getState().load(false);
    void useGroups.getState().load();
    navigate('licence');
  };

  const practice = async (): Promise<void> => {
    const practiceProfile = view?.profiles.find((p) => p.practice);
    if (practiceProfile && view?.activeId !== practiceProfile.id) {
      const result = await activate(practiceProfile.id);
      if (!result.ok) {
        setError(result.error);
        return;
      }
    }
    await finish();
  };

  return (
    <section aria-labelledby="first-run-title">
      <h1 id="first-run-title" tabIndex={-1}>
        Welcome to FOTA Desk
      </h1>
      <p className="lead">FOTA Desk keeps your Samsung devices on approved firmware through Knox E-FOTA. How do you want to start?</p>
      <ErrorNote error={error} />
      {mode === 'choose' ? (
        <div className="choices">
          <div className="choice">
            <h2>Practice mode</h2>
            <p>
              Try every step safely against a built-in E-FOTA simulator with a demo tenant: nothing reaches Samsung and no credentials are needed.
              Everything you export from it is marked PRACTICE.
            </p>
            <button type="button" onClick={() => void practice()} autoFocus>
              Start in practice mode
            </button>
          </div>
          <div className="choice">
            <h2>Connect a tenant</h2>
            <p>Enter your Knox E-FOTA identities and REST API key. The client secret goes to the OS keychain and nowhere else.</p>
            <button type="button" className="secondary" onClick={() => setMode('connect')}>
              Connect a tenant…
            </button>
          </div>
        </div>
      ) : (
        <>
          <h2>Connect a tenant</h2>
          <ProfileForm initial={null} activate submitLabel="Save and connect" onSaved={() => void finish()} onCancel={() => setMode('choose')} />
        </>
      )}
    </section>
  );
}

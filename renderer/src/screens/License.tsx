// Licence: what Samsung last said about the active licence, how old that is, and what needs care.
import { useEffect } from 'react';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { LicenseSummary } from '../components/LicenseSummary.tsx';
import { PracticeClock } from '../components/PracticeClock.tsx';
import { useNow } from '../components/useNow.ts';
import { useApp } from '../state/app.ts';
import { useLicense } from '../state/license.ts';
import { activeProfile, useProfiles } from '../state/profiles.ts';
import { age, dateTime } from '../util/format.ts';

/** The licence screen. */
export function LicenseScreen() {
  const { view, loading, error, load } = useLicense();
  const profile = activeProfile(useProfiles((s) => s.view));
  const announce = useApp((s) => s.announce);
  const now = useNow();

  // Fetch once on arrival when nothing is known yet; later refreshes are the admin's choice.
  useEffect(() => {
    if (view === null || (view.fetchedAt === null && view.refreshError === null)) void load(true);
  }, []);

  const refresh = async (): Promise<void> => {
    announce('Asking Samsung for the licence…');
    await load(true);
    const after = useLicense.getState();
    announce(after.view?.refreshError || after.error ? 'The licence could not be refreshed.' : 'Licence refreshed.');
  };

  return (
    <section aria-labelledby="licence-title">
      <h1 id="licence-title" tabIndex={-1}>
        Licence
      </h1>
      {profile && (
        <p className="lead">
          Licence <code>{profile.license}</code> of {profile.practice ? 'the practice tenant' : <>profile <strong>{profile.name}</strong></>}.
        </p>
      )}
      <div className="toolbar">
        <button type="button" onClick={() => void refresh()} disabled={loading} aria-busy={loading}>
          {loading ? 'Refreshing…' : 'Refresh from Samsung'}
        </button>
        {view && (
          <p className="age" data-testid="licence-age">
            {view.fetchedAt ? (
              <>
                Data from {dateTime(view.fetchedAt)} (<strong>{age(view.fetchedAt, now)}</strong>)
              </>
            ) : (
              'Never fetched from Samsung.'
            )}
          </p>
        )}
      </div>
      <ErrorNote error={error} title="The licence could not be loaded." />
      {view?.refreshError && <ErrorNote error={view.refreshError} title={view.info ? 'Showing the last known licence: the refresh failed.' : 'The licence could not be fetched.'} />}
      {view && <LicenseSummary view={view} />}
      {profile?.practice && <PracticeClock />}
    </section>
  );
}

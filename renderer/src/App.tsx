// The app shell: header with the active profile, navigation, the offline banner, the current
// screen and the live region that announces progress and results.
import { useEffect, useRef } from 'react';
import { OfflineBanner } from './components/OfflineBanner.tsx';
import { ProfileBadge } from './components/ProfileBadge.tsx';
import { FirstRunScreen } from './screens/FirstRun.tsx';
import { GroupsScreen } from './screens/Groups.tsx';
import { ImportScreen } from './screens/Import.tsx';
import { LicenceScreen } from './screens/Licence.tsx';
import { SettingsScreen } from './screens/Settings.tsx';
import { useApp, type ScreenId } from './state/app.ts';
import { useImportCommands } from './state/import-commands.ts';
import { usePreferences } from './state/preferences.ts';

const NAV: readonly { readonly id: ScreenId; readonly label: string }[] = [
  { id: 'licence', label: 'Licence' },
  { id: 'groups', label: 'Groups' },
  { id: 'import', label: 'Import' },
  { id: 'settings', label: 'Settings' },
];

function isEditable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** The whole window. */
export function App() {
  const { screen, navigate, announcement, announcementId } = useApp();
  const preferences = usePreferences((s) => s.view);
  const headingRef = useRef<HTMLDivElement>(null);

  // The first run shows until the admin has chosen practice or a tenant once.
  useEffect(() => {
    if (preferences && !preferences.welcomeDone && useApp.getState().screen === 'licence') navigate('first-run');
  }, [preferences, navigate]);

  // Moving focus to the new screen tells screen-reader users the screen changed.
  useEffect(() => {
    headingRef.current?.querySelector('h1')?.focus();
  }, [screen]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const mod = event.ctrlKey || event.metaKey;
      const commands = useImportCommands.getState();
      if (mod && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'o') {
        event.preventDefault();
        navigate('import');
        commands.request('pick-file');
      } else if (mod && event.shiftKey && event.key.toLowerCase() === 'v' && !isEditable(event.target)) {
        event.preventDefault();
        navigate('import');
        commands.request('paste');
      } else if (event.key === 'F8' && useApp.getState().screen === 'import') {
        event.preventDefault();
        commands.request(event.shiftKey ? 'previous-error' : 'next-error');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top">
        <p className="app-name">FOTA Desk</p>
        <ProfileBadge />
      </header>
      <nav className="side" aria-label="Screens">
        <ul>
          {NAV.map((item) => (
            <li key={item.id}>
              <button type="button" aria-current={screen === item.id ? 'page' : undefined} onClick={() => navigate(item.id)}>
                {item.label}
              </button>
            </li>
          ))}
        </ul>
        <p className="shortcuts">
          <kbd>Ctrl</kbd>+<kbd>O</kbd> import a file
          <br />
          <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>V</kbd> paste a list
          <br />
          <kbd>F8</kbd> next error
        </p>
      </nav>
      <main id="main" className="content" ref={headingRef}>
        <OfflineBanner />
        {screen === 'first-run' && <FirstRunScreen />}
        {screen === 'licence' && <LicenceScreen />}
        {screen === 'groups' && <GroupsScreen />}
        {screen === 'import' && <ImportScreen />}
        {screen === 'settings' && <SettingsScreen />}
      </main>
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="announcer">
        <span key={announcementId}>{announcement}</span>
      </div>
    </div>
  );
}

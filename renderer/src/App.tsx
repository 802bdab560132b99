// The app shell: header with the active profile, navigation, the offline banner, the current
// screen and the live region that announces progress and results.
import { useEffect, useRef } from 'react';
import { OfflineBanner } from './components/OfflineBanner.tsx';
import { ProfileBadge } from './components/ProfileBadge.tsx';
import { FirstRunScreen } from './screens/FirstRun.tsx';
import { GroupsScreen } from './screens/Groups.tsx';
import { ImportScreen } from './screens/Import.tsx';
import { LicenseScreen } from './screens/License.tsx';
import { SettingsScreen } from './screens/Settings.tsx';
import { BatchesScreen } from './screens/Batches.tsx';
import { BatchBuilderScreen } from './screens/BatchBuilder.tsx';
import { SendScreen } from './screens/Send.tsx';
import { HistoryScreen } from './screens/History.tsx';
import { Toasts } from './components/Toasts.tsx';
import { useCommands } from './state/commands.ts';
import { useApp, type ScreenId } from './state/app.ts';
import { useImportCommands } from './state/import-commands.ts';
import { usePreferences } from './state/preferences.ts';

const NAV: readonly { readonly id: ScreenId; readonly label: string }[] = [
  { id: 'licence', label: 'Licence' },
  { id: 'groups', label: 'Groups' },
  { id: 'import', label: 'Import' },
  { id: 'batches', label: 'Batches' },
  { id: 'history', label: 'History' },
  { id: 'settings', label: 'Settings' },
];

/** The navigation entry a screen belongs to (the builder and a send are part of Batches). */
function navOf(screen: ScreenId): ScreenId {
  return screen === 'batch' || screen === 'send' ? 'batches' : screen;
}

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
      } else if (mod && event.key === 'Enter' && useApp.getState().screen === 'batch') {
        // The dry run only: sending starts from the confirmation dialog, never from a shortcut.
        event.preventDefault();
        useCommands.getState().request('dry-run');
      } else if (event.key === 'F5' && !event.altKey) {
        // F5 refreshes the screen's data; reloading the whole window would only lose unsaved work.
        event.preventDefault();
        const current = useApp.getState().screen;
        if (current === 'history' || current === 'batches') useCommands.getState().request('refresh');
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
              <button type="button" aria-current={navOf(screen) === item.id ? 'page' : undefined} onClick={() => navigate(item.id)}>
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
          <br />
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd> dry run
          <br />
          <kbd>F5</kbd> refresh
        </p>
      </nav>
      <main id="main" className="content" ref={headingRef}>
        <OfflineBanner />
        {screen === 'first-run' && <FirstRunScreen />}
        {screen === 'licence' && <LicenseScreen />}
        {screen === 'groups' && <GroupsScreen />}
        {screen === 'import' && <ImportScreen />}
        {screen === 'batches' && <BatchesScreen />}
        {screen === 'batch' && <BatchBuilderScreen />}
        {screen === 'send' && <SendScreen />}
        {screen === 'history' && <HistoryScreen />}
        {screen === 'settings' && <SettingsScreen />}
      </main>
      <Toasts />
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="announcer">
        <span key={announcementId}>{announcement}</span>
      </div>
    </div>
  );
}

// Wires main's events and the browser's online/offline events into the slices, once.
import { fota } from '../bridge/fota.ts';
import { useGroups } from './groups.ts';
import { useLicense } from './license.ts';
import { usePreferences } from './preferences.ts';
import { useProfiles } from './profiles.ts';
import { useStatus } from './status.ts';
import { useApp } from './app.ts';
import { useBatches } from './batches.ts';
import { useHistory } from './history.ts';
import { useSend } from './send.ts';
import { handleShellRequest } from './shell-requests.ts';
import { useToasts } from './toast.ts';

let connected = false;

/** Subscribes every slice to its events and loads the first data. */
export function connectSlices(): void {
  if (connected) return;
  connected = true;
  const bridge = fota();
  bridge.on('profiles:changed', (view) => {
    const before = useProfiles.getState().view?.activeId;
    useProfiles.getState().receive(view);
    // Another profile became active: what the other screens show belongs to the old one.
    if (before !== undefined && before !== view.activeId) {
      void useLicense.getState().load(false);
      void useGroups.getState().load();
      void useStatus.getState().load();
      void useBatches.getState().loadList();
      void useHistory.getState().load();
    }
  });
  bridge.on('status:changed', (status) => {
    // Main reports every profile's calls; the banner is about the active one.
    const active = useProfiles.getState().view?.activeId;
    if (active === undefined || status.profileId === active) useStatus.getState().receive(status);
  });
  bridge.on('license:changed', (view) => useLicense.getState().receive(view));
  bridge.on('groups:changed', (view) => useGroups.getState().receive(view));
  bridge.on('preferences:changed', (view) => usePreferences.getState().receive(view));
  bridge.on('batches:changed', ({ batchId }) => {
    const batches = useBatches.getState();
    if (batches.list !== null) void batches.loadList();
    if (batches.currentId === batchId) void batches.reload();
  });
  bridge.on('send:progress', (view) => useSend.getState().receive(view));
  bridge.on('send:finished', (done) => {
    useToasts.getState().show({ title: done.title, body: done.body, tone: done.needsAttention ? 'warning' : 'ok', batchId: done.batchId });
    useApp.getState().announce(`${done.title}. ${done.body}`);
  });
  bridge.on('history:changed', ({ batchIds }) => {
    const history = useHistory.getState();
    if (history.list !== null) void history.load();
    if (history.detailId !== null && batchIds.includes(history.detailId)) void history.reloadDetail();
  });
  bridge.on('shell:request', handleShellRequest);
  window.addEventListener('online', () => useStatus.getState().browser(true));
  window.addEventListener('offline', () => useStatus.getState().browser(false));
}

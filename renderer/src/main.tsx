import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { connectSlices } from './state/events.ts';
import { receivePendingShellRequests } from './state/shell-requests.ts';
import { useApp } from './state/app.ts';
import { useGroups } from './state/groups.ts';
import { useLicense } from './state/license.ts';
import { usePreferences } from './state/preferences.ts';
import { useProfiles } from './state/profiles.ts';
import { useStatus } from './state/status.ts';
import './styles.css';

connectSlices();
const firstLoads = [
  useApp.getState().loadInfo(),
  useProfiles.getState().load(),
  usePreferences.getState().load(),
  useStatus.getState().load(),
  useLicense.getState().load(false),
  useGroups.getState().load(),
];

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><App /></StrictMode>);
// Last: the page listens now and knows its first screen, so what the shell kept for it (a file
// double-clicked to start FOTA Desk) is taken and shown on top.
void Promise.allSettled(firstLoads).then(() => receivePendingShellRequests());

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { connectSlices } from './state/events.ts';
import { useApp } from './state/app.ts';
import { useGroups } from './state/groups.ts';
import { useLicence } from './state/licence.ts';
import { usePreferences } from './state/preferences.ts';
import { useProfiles } from './state/profiles.ts';
import { useStatus } from './state/status.ts';
import './styles.css';

connectSlices();
void useApp.getState().loadInfo();
void useProfiles.getState().load();
void usePreferences.getState().load();
void useStatus.getState().load();
void useLicence.getState().load(false);
void useGroups.getState().load();

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><App /></StrictMode>);

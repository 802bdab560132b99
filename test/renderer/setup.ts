// Every component test starts from the slices' first state, with no page and no bridge left over
// from the test before: tests do not depend on each other.
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { useApp } from '../../renderer/src/state/app.ts';
import { useBatches } from '../../renderer/src/state/batches.ts';
import { useCommands } from '../../renderer/src/state/commands.ts';
import { useGroups } from '../../renderer/src/state/groups.ts';
import { useHistory } from '../../renderer/src/state/history.ts';
import { useImportCommands } from '../../renderer/src/state/import-commands.ts';
import { useImport } from '../../renderer/src/state/import.ts';
import { useLicense } from '../../renderer/src/state/license.ts';
import { usePreferences } from '../../renderer/src/state/preferences.ts';
import { useProfiles } from '../../renderer/src/state/profiles.ts';
import { useSend } from '../../renderer/src/state/send.ts';
import { useStatus } from '../../renderer/src/state/status.ts';
import { useToasts } from '../../renderer/src/state/toast.ts';

function reset<T>(slice: { setState(state: T, replace: true): void; getInitialState(): T }): void {
  slice.setState(slice.getInitialState(), true);
}

afterEach(() => {
  cleanup();
  reset(useApp);
  reset(useBatches);
  reset(useCommands);
  reset(useGroups);
  reset(useHistory);
  reset(useImportCommands);
  reset(useImport);
  reset(useLicense);
  reset(usePreferences);
  reset(useProfiles);
  reset(useSend);
  reset(useStatus);
  reset(useToasts);
  delete window.fota;
});

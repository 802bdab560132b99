// Keyboard shortcuts are global (App), their actions belong to the import screen: a request is
// posted here and the screen performs it when it is mounted.
import { create } from 'zustand';

/** What a shortcut asks the import screen to do. */
export type ImportCommand = 'pick-file' | 'paste' | 'next-error' | 'previous-error';

interface ImportCommandsState {
  readonly pending: { readonly command: ImportCommand; readonly id: number } | null;
  request(command: ImportCommand): void;
  /** marks the request handled */
  done(id: number): void;
}

/** The pending shortcut request. */
export const useImportCommands = create<ImportCommandsState>()((set) => ({
  pending: null,
  request: (command) => set((s) => ({ pending: { command, id: (s.pending?.id ?? 0) + 1 } })),
  done: (id) => set((s) => (s.pending?.id === id ? { pending: null } : s)),
}));

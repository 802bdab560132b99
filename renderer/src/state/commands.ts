// Keyboard shortcuts are global (App); their actions belong to a screen: a request is posted here and
// the screen that is mounted performs it (Ctrl/Cmd+Enter: dry run; F5: refresh).
import { create } from 'zustand';

/** What a shortcut asks the current screen to do. */
export type ScreenCommand = 'dry-run' | 'refresh';

interface CommandsState {
  readonly pending: { readonly command: ScreenCommand; readonly id: number } | null;
  request(command: ScreenCommand): void;
  /** marks the request handled */
  done(id: number): void;
}

/** The pending shortcut request. */
export const useCommands = create<CommandsState>()((set) => ({
  pending: null,
  request: (command) => set((s) => ({ pending: { command, id: (s.pending?.id ?? 0) + 1 } })),
  done: (id) => set((s) => (s.pending?.id === id ? { pending: null } : s)),
}));

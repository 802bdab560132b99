// In-window toasts: a send that finished while the admin looked elsewhere (the desktop notification
// is the shell's). Each stays until closed or for a while; they are also announced.
import { create } from 'zustand';

/** One toast. */
export interface Toast {
  readonly id: number;
  readonly title: string;
  readonly body: string;
  readonly tone: 'ok' | 'warning';
  /** the batch it is about, to open its send */
  readonly batchId: string | null;
}

interface ToastState {
  readonly toasts: readonly Toast[];
  show(toast: Omit<Toast, 'id'>): number;
  dismiss(id: number): void;
}

let next = 1;

/** The toast slice. */
export const useToasts = create<ToastState>()((set) => ({
  toasts: [],
  show: (toast) => {
    const id = next++;
    set((s) => ({ toasts: [...s.toasts.slice(-3), { ...toast, id }] }));
    return id;
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));

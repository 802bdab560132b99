// The in-window toasts (a send finished): bottom right, each with a close button and, when it is
// about a batch, a way to open it. They are announced through the live region as well.
import { useEffect } from 'react';
import { useSend } from '../state/send.ts';
import { useApp } from '../state/app.ts';
import { useBatches } from '../state/batches.ts';
import { useToasts, type Toast } from '../state/toast.ts';

const SHOWN_MS = 15_000;

function ToastItem({ toast }: { readonly toast: Toast }) {
  const dismiss = useToasts((s) => s.dismiss);
  useEffect(() => {
    const timer = setTimeout(() => dismiss(toast.id), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [toast.id, dismiss]);
  const open = (): void => {
    if (toast.batchId === null) return;
    const id = toast.batchId;
    dismiss(toast.id);
    if (useSend.getState().views[id]) {
      void useBatches.getState().open(id).then(() => useApp.getState().navigate('send'));
    } else void useBatches.getState().open(id);
  };
  return (
    <li className={`toast toast-${toast.tone}`} data-testid="toast">
      <p className="toast-title">{toast.title}</p>
      <p>{toast.body}</p>
      <div className="actions">
        {toast.batchId !== null && (
          <button type="button" className="secondary" onClick={open}>
            Open the batch
          </button>
        )}
        <button type="button" className="secondary" onClick={() => dismiss(toast.id)}>
          Close<span className="visually-hidden"> the message {toast.title}</span>
        </button>
      </div>
    </li>
  );
}

/** Every toast shown now. */
export function Toasts() {
  const toasts = useToasts((s) => s.toasts);
  if (toasts.length === 0) return null;
  return (
    <ul className="toasts" aria-label="Messages">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
    </ul>
  );
}

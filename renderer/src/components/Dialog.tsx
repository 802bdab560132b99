// A modal dialog on the native <dialog> element: the browser traps focus, Escape closes it, and
// focus returns to the control that opened it.
import { useEffect, useId, useRef, type ReactNode } from 'react';

/** Props of Dialog. */
export interface DialogProps {
  readonly open: boolean;
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  /** id of the element describing the dialog, when there is one */
  readonly describedBy?: string;
  readonly wide?: boolean;
}

/** A modal dialog; its content is mounted only while open, so forms start fresh. */
export function Dialog({ open, title, onClose, children, describedBy, wide }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open && (
        <>
          <h2 id={titleId}>{title}</h2>
          {children}
        </>
      )}
    </dialog>
  );
}

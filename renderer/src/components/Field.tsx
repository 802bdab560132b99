// A labelled form field with an optional hint, wired with ids so screen readers read all three.
import { useId, type ReactNode } from 'react';

/** Props of Field. */
export interface FieldProps {
  readonly label: string;
  readonly hint?: ReactNode;
  /** renders the control with the ids it must use */
  readonly children: (ids: { readonly id: string; readonly describedBy: string | undefined }) => ReactNode;
}

/** A label, a control and its hint. */
export function Field({ label, hint, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy: hint ? hintId : undefined })}
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}

// A failed call, as the admin should read it: what happened, then what to do.
import type { ContractError } from '../../../common/contract.ts';

/** Shows a ContractError (nothing when null). */
export function ErrorNote({ error, title }: { readonly error: ContractError | null; readonly title?: string }) {
  if (error === null) return null;
  return (
    <div className="note note-error" role="alert">
      {title && <strong>{title} </strong>}
      <span>{error.message}</span>
      {error.remedy && <p className="remedy">{error.remedy}</p>}
      <p className="code">Code: {error.code}</p>
    </div>
  );
}

// Rule findings as the admin reads them: errors first (they block sending), then warnings, each with
// the FUD code Samsung would answer.
import type { BatchFinding } from '../../../common/batch/check.ts';

/** The findings of a batch, a group or a send (nothing when there are none). */
export function FindingList({ findings, label, testId, showWhere = false }: { readonly findings: readonly BatchFinding[]; readonly label: string; readonly testId?: string; readonly showWhere?: boolean }) {
  if (findings.length === 0) return null;
  const sorted = [...findings.filter((f) => f.severity === 'error'), ...findings.filter((f) => f.severity !== 'error')];
  return (
    <ul className="findings" aria-label={label} data-testid={testId}>
      {sorted.map((f, i) => (
        <li key={`${f.where}|${f.message}|${i}`} className={f.severity === 'error' ? 'finding finding-error' : 'finding finding-warning'}>
          <strong>{f.severity === 'error' ? 'Error' : 'Warning'}</strong>
          {showWhere && f.where !== 'batch' ? ` (${f.where})` : ''}: {f.message}
          {f.fud ? <span className="fud"> {f.fud}</span> : null}
        </li>
      ))}
    </ul>
  );
}

// The connection profiles, one row each: which is active, its customer ID and licence, whether its
// client secret is in the keychain, and what can be done with it.
import type { ProfilesView, ProfileView } from '../../../../common/contract.ts';
import { Subject } from '../../components/Subject.tsx';

/** Props of ProfilesTable. */
export interface ProfilesTableProps {
  readonly view: ProfilesView | null;
  readonly busy: boolean;
  readonly selfTestRunning: boolean;
  readonly onActivate: (p: ProfileView) => void;
  readonly onSelfTest: (p: ProfileView) => void;
  readonly onResetPractice: () => void;
  readonly onEdit: (p: ProfileView) => void;
  readonly onDelete: (p: ProfileView) => void;
}

/** The table of profiles. */
export function ProfilesTable({ view, busy, selfTestRunning, onActivate, onSelfTest, onResetPractice, onEdit, onDelete }: ProfilesTableProps) {
  return (
    <table className="table">
      <caption className="visually-hidden">Connection profiles</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Customer ID</th>
          <th scope="col">Licence</th>
          <th scope="col">Client secret</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {view?.profiles.map((p) => {
          const active = p.id === view.activeId;
          return (
            <tr key={p.id} aria-current={active ? 'true' : undefined} className={active ? 'active-row' : undefined}>
              <th scope="row">
                {p.name} {p.practice && <span className="practice-mark">PRACTICE</span>} {active && <span className="tag">active</span>}
              </th>
              <td>
                <code>{p.customerId}</code>
              </td>
              <td>
                <code>{p.license}</code>
              </td>
              <td>{p.practice ? 'not needed' : p.secretStored === null ? 'unknown (keychain unavailable)' : p.secretStored ? 'stored in the keychain' : 'not stored'}</td>
              <td className="row-actions">
                {!active && (
                  <button type="button" disabled={busy} onClick={() => onActivate(p)}>
                    Make active<Subject text={p.name} />
                  </button>
                )}
                <button type="button" className="secondary" disabled={selfTestRunning} onClick={() => onSelfTest(p)}>
                  Test the network path<Subject text={p.name} />
                </button>
                {p.practice ? (
                  <button type="button" className="secondary" disabled={busy} onClick={onResetPractice}>
                    Reset practice tenant…
                  </button>
                ) : (
                  <>
                    <button type="button" className="secondary" onClick={() => onEdit(p)}>
                      Edit<Subject text={p.name} />
                    </button>
                    <button type="button" className="danger" onClick={() => onDelete(p)}>
                      Delete<Subject text={p.name} />
                    </button>
                  </>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

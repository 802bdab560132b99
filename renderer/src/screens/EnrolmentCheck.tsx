// The enrolment check: pasted serials → Samsung's abnormalDeviceList, explained per category.
import { useState, type FormEvent } from 'react';
import type { ContractError } from '../../../common/contract.ts';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { Field } from '../components/Field.tsx';
import { useApp } from '../state/app.ts';
import { useGroups } from '../state/groups.ts';
import { count, dateTime } from '../util/format.ts';

/** Splits pasted text into values: one per line, or separated by tabs, commas, semicolons or spaces. */
function pastedValues(text: string): string[] {
  return text.split(/[\s,;]+/).filter((v) => v !== '');
}

/** The enrolment check section. */
export function EnrolmentCheck() {
  const { enrolment, checkEnrolment } = useGroups();
  const announce = useApp((s) => s.announce);
  const [text, setText] = useState('');
  const [error, setError] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);
  const values = pastedValues(text);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    announce(`Asking Samsung about ${count(values.length, 'serial')}…`);
    const result = await checkEnrolment(values);
    setBusy(false);
    if (result.ok) {
      const abnormal = result.data.categories.reduce((n, c) => n + c.serials.length, 0);
      announce(`Enrolment checked: ${count(result.data.healthy.length, 'device')} fine, ${count(abnormal, 'device')} with a problem.`);
    } else {
      setError(result.error);
      announce('The enrolment check failed.');
    }
  };

  return (
    <>
      <h2>Enrolment check</h2>
      <form onSubmit={(e) => void submit(e)} aria-label="Enrolment check">
        <Field label="Serial numbers" hint="Paste serials, one per line (or copied cells from Excel). Samsung tells which ones cannot take a forced update, and why.">
          {({ id, describedBy }) => (
            <textarea id={id} aria-describedby={describedBy} rows={5} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
          )}
        </Field>
        <div className="actions">
          <button type="submit" disabled={busy || values.length === 0} aria-busy={busy}>
            {busy ? 'Checking…' : `Check ${values.length > 0 ? count(values.length, 'serial') : 'enrolment'}`}
          </button>
        </div>
      </form>
      <ErrorNote error={error} />
      {enrolment && (
        <div className="enrolment" data-testid="enrolment-result">
          <p>
            Checked {count(enrolment.checked, 'serial')} at {dateTime(enrolment.checkedAt)}: <strong>{count(enrolment.healthy.length, 'device')} enrolled and fine</strong>.
          </p>
          {enrolment.invalid.length > 0 && (
            <div className="note note-warning">
              <h3>Not sent to Samsung</h3>
              <ul>
                {enrolment.invalid.map((v) => (
                  <li key={v.value}>
                    <code>{v.value}</code>: {v.message}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {enrolment.categories.map((c) => (
            <div key={c.title} className="note note-error">
              <h3>
                {c.title} — {count(c.serials.length, 'device')}
              </h3>
              <p>{c.explanation}</p>
              <p className="remedy">{c.remedy}</p>
              <details>
                <summary>Show the serials</summary>
                <p className="serial-list">
                  {c.serials.map((s) => (
                    <code key={s}>{s} </code>
                  ))}
                </p>
              </details>
            </div>
          ))}
        </div>
      )}
    </>
  );
}

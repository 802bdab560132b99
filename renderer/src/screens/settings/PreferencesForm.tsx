// App-wide preferences: how many calls to E-FOTA at once while sending, and the delimiter of exported
// CSV files. Each change is saved by main at once (the CLI shares them).
import { useEffect, useState } from 'react';
import { CONCURRENCY_RANGE, type ContractError, type ExportDelimiter } from '../../../../common/contract.ts';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { Field } from '../../components/Field.tsx';
import { useApp } from '../../state/app.ts';
import { usePreferences } from '../../state/preferences.ts';

const DELIMITERS: readonly { readonly value: ExportDelimiter; readonly label: string }[] = [
  { value: ',', label: 'Comma (,)' },
  { value: ';', label: 'Semicolon (;) — Excel in many European locales' },
  { value: '\t', label: 'Tab' },
];

/** The preferences, loaded on first show. */
export function PreferencesForm() {
  const { view, error, update, load } = usePreferences();
  const announce = useApp((s) => s.announce);
  const [problem, setProblem] = useState<ContractError | null>(null);
  useEffect(() => {
    if (view === null) void load();
  }, [view, load]);
  if (view === null) return <ErrorNote error={error} />;

  const change = async (patch: Parameters<typeof update>[0]): Promise<void> => {
    const result = await update(patch);
    setProblem(result.ok ? null : result.error);
    if (result.ok) announce('Preference saved.');
  };

  return (
    <>
      <h2>Preferences</h2>
      <ErrorNote error={problem} />
      <div className="form-row">
        <Field label="Calls to E-FOTA at once while sending" hint={`From ${CONCURRENCY_RANGE.min} to ${CONCURRENCY_RANGE.max}. More is faster; Samsung may answer “too many requests” (429) when it is too high.`}>
          {({ id, describedBy }) => (
            <input
              id={id}
              type="number"
              min={CONCURRENCY_RANGE.min}
              max={CONCURRENCY_RANGE.max}
              aria-describedby={describedBy}
              key={view.concurrency}
              defaultValue={view.concurrency}
              onBlur={(e) => {
                const value = Number(e.target.value);
                if (value !== view.concurrency) void change({ concurrency: value });
              }}
            />
          )}
        </Field>
        <Field label="Delimiter of exported CSV files" hint="Use semicolon when Excel on your computer opens commas as one column.">
          {({ id, describedBy }) => (
            <select id={id} aria-describedby={describedBy} value={view.exportDelimiter} onChange={(e) => void change({ exportDelimiter: e.target.value as ExportDelimiter })}>
              {DELIMITERS.map((d) => (
                <option key={d.label} value={d.value}>
                  {d.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
    </>
  );
}

// The connection profile form (first run and Settings). The client secret field never shows a
// stored value: it is empty, says whether a secret is stored, and typing in it replaces it.
import { useId, useRef, useState, type FormEvent } from 'react';
import type { ContractError, LicenseView, ProfileInput, ProfileView } from '../../../common/contract.ts';
import { DEFAULT_BASE_URL } from '../../../common/efota/operations.ts';
import { useApp } from '../state/app.ts';
import { useProfiles } from '../state/profiles.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { Field } from './Field.tsx';
import { LicenseSummary } from './LicenseSummary.tsx';

/** Props of ProfileForm. */
export interface ProfileFormProps {
  /** the profile being edited, or null for a new one */
  readonly initial: ProfileView | null;
  /** make the profile active when saved */
  readonly activate: boolean;
  readonly submitLabel: string;
  readonly onSaved: () => void;
  readonly onCancel?: () => void;
}

const empty: ProfileInput = { name: '', baseUrl: DEFAULT_BASE_URL, mdmId: '', customerId: '', license: '', clientId: '', extraCaPem: null };

// The base URL as main compares it (origin and path, no trailing slash), or the trimmed text.
function urlKey(text: string): string {
  try {
    const url = new URL(text.trim());
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return text.trim();
  }
}

/** True when a draft no longer goes to the server and client its stored secret was saved for. */
export function secretRetargeted(initial: ProfileView | null, input: ProfileInput): boolean {
  if (!initial || initial.practice) return false;
  return urlKey(initial.baseUrl) !== urlKey(input.baseUrl) || initial.clientId.trim() !== input.clientId.trim();
}

/** Creates or edits a profile; can test the connection before saving. */
export function ProfileForm({ initial, activate, submitLabel, onSaved, onCancel }: ProfileFormProps) {
  const [input, setInput] = useState<ProfileInput>(initial ?? empty);
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<ContractError | null>(null);
  const [tested, setTested] = useState<LicenseView | null>(null);
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const announce = useApp((s) => s.announce);
  const save = useProfiles((s) => s.save);
  const caFile = useRef<HTMLInputElement>(null);
  const formId = useId();

  // A stored secret is only ever sent to the server and client it was saved for (main enforces it).
  const retargeted = secretRetargeted(initial, input);
  const secretKept = initial?.secretStored === true && !retargeted;

  const set = (key: keyof ProfileInput) => (value: string) => setInput((i) => ({ ...i, [key]: key === 'extraCaPem' && value.trim() === '' ? null : value }));

  const test = async (): Promise<void> => {
    setBusy('test');
    setError(null);
    setTested(null);
    announce('Testing the connection…');
    const result = await useProfiles.getState().testDraft({ id: initial?.id ?? null, profile: input, secret: secret === '' ? null : secret });
    setBusy(null);
    if (result.ok) {
      setTested(result.data);
      announce(`Connection works: licence ${result.data.info?.status ?? 'answered'}.`);
    } else {
      setError(result.error);
      announce('The connection test failed.');
    }
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy('save');
    setError(null);
    const result = await save(initial?.id ?? null, input, secret === '' ? null : secret, activate);
    setBusy(null);
    if (!result.ok) {
      setError(result.error);
      announce('The profile was not saved.');
      return;
    }
    setSecret('');
    announce(`Profile ${input.name} saved.`);
    onSaved();
  };

  const text = (key: Exclude<keyof ProfileInput, 'extraCaPem'>, label: string, hint: string, autoComplete = 'off') => (
    <Field label={label} hint={hint}>
      {({ id, describedBy }) => (
        <input id={id} aria-describedby={describedBy} value={input[key]} onChange={(e) => set(key)(e.target.value)} autoComplete={autoComplete} spellCheck={false} required />
      )}
    </Field>
  );

  return (
    <form className="profile-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${formId}-legend`}>
      <p id={`${formId}-legend`} className="visually-hidden">
        {initial ? `Edit profile ${initial.name}` : 'New connection profile'}
      </p>
      {text('name', 'Profile name', 'What you call this tenant, e.g. “Acme EU”.')}
      {text('baseUrl', 'Base URL', `Samsung’s E-FOTA host; ${DEFAULT_BASE_URL} unless Samsung told you otherwise.`)}
      {text('mdmId', 'MDM ID', 'From your Samsung SLM licence e-mail, e.g. K7Q2M9X4TP.')}
      {text('customerId', 'Customer ID', 'From the SLM licence e-mail: 32 hex digits with hyphens.')}
      {text('license', 'Licence key', 'The E-FOTA licence key, e.g. EFOTA1-a1b2c3-d4e5f6-g7h8.')}
      {text('clientId', 'Client ID', 'The REST API key’s client ID (Knox Admin Portal › API credentials).')}
      {retargeted && initial?.secretStored === true && (
        <div className="note note-warning" role="status" data-testid="secret-retargeted">
          You changed the base URL or client ID. The stored client secret is only ever sent to the server and client it was saved
          for, so saving removes it from the keychain: type the client secret again to test or save this connection.
        </div>
      )}
      <Field
        label="Client secret"
        hint={
          secretKept
            ? 'A secret is stored in the OS keychain. It is never shown; type a new one only to replace it.'
            : retargeted && initial?.secretStored === true
              ? 'Required: the stored secret stays with the server and client it was saved for.'
              : 'Kept only in the OS keychain, never in a file. It cannot be shown again after saving.'
        }
      >
        {({ id, describedBy }) => (
          <input
            id={id}
            type="password"
            aria-describedby={describedBy}
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            autoComplete="new-password"
            placeholder={secretKept ? '•••••••• (stored — type to replace)' : ''}
            required={!secretKept}
          />
        )}
      </Field>
      <Field label="Extra CA certificate (optional)" hint="PEM of your proxy’s or security team’s CA, trusted for this profile only, on top of the system roots.">
        {({ id, describedBy }) => (
          <textarea id={id} aria-describedby={describedBy} rows={4} value={input.extraCaPem ?? ''} onChange={(e) => set('extraCaPem')(e.target.value)} spellCheck={false} />
        )}
      </Field>
      <p>
        <button type="button" className="secondary" onClick={() => caFile.current?.click()}>
          Load CA from a file…
        </button>
        <input
          ref={caFile}
          type="file"
          accept=".pem,.crt,.cer,text/plain"
          className="visually-hidden"
          tabIndex={-1}
          aria-label="CA certificate file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void file.text().then((pem) => set('extraCaPem')(pem));
            e.target.value = '';
          }}
        />
      </p>
      <ErrorNote error={error} />
      {tested && (
        <div className="note note-ok" role="status">
          <strong>Connection works.</strong> Samsung answered for licence {tested.license}:
          <LicenseSummary view={tested} />
        </div>
      )}
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void test()} disabled={busy !== null} aria-busy={busy === 'test'}>
          {busy === 'test' ? 'Testing…' : 'Test connection'}
        </button>
        <button type="submit" disabled={busy !== null} aria-busy={busy === 'save'}>
          {busy === 'save' ? 'Saving…' : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

// A connection profile: one Knox tenant (an MSP keeps one per customer). Everything here is safe to
// write to the settings file; the client secret lives only in the OS keychain.
import { randomBytes } from 'node:crypto';
import { DEFAULT_BASE_URL } from '../../common/efota/operations.ts';
import { normaliseMdmId, clean } from '../../common/efota/normalise.ts';
import { utf8ByteLength } from '../../common/efota/bytes.ts';
import { firstControl } from '../../common/efota/characters.ts';
import { parseCaPem } from './ca-pem.ts';
import { checkBaseUrl } from '../../common/efota/base-url.ts';
import * as v from 'valibot';
import { objectIgnoringOthers, rawText } from '../../common/schema/json-fields.ts';

/** The editable fields of a profile, as typed by the admin. */
export interface ProfileInput {
  readonly name?: string | undefined;
  readonly baseUrl?: string | undefined;
  readonly mdmId?: string | undefined;
  readonly customerId?: string | undefined;
  readonly license?: string | undefined;
  readonly clientId?: string | undefined;
  /** PEM text; an empty string removes the extra CA */
  readonly caPem?: string | undefined;
}

/** Invalid profile input; the message lists every problem and how to fix it. */
export class ProfileInputError extends Error {
  override readonly name = 'ProfileInputError';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

/** The id of the built-in practice profile (reserved: no stored profile may take it or its name). */
export const PRACTICE_PROFILE_ID = 'practice';

const ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** A fresh profile id. */
export function newProfileId(): string {
  return `p-${randomBytes(6).toString('hex')}`;
}

/** Checks a base URL with the client's own rule (https, loopback http); returns the problem or null. */
export function baseUrlProblem(value: string): string | null {
  const checked = checkBaseUrl(value);
  return checked.ok ? null : checked.message;
}

function textProblem(label: string, value: string, maxBytes: number): string | null {
  if (value.length === 0) return `${label} is empty`;
  if (utf8ByteLength(value) > maxBytes) return `${label} is longer than Samsung's limit of ${maxBytes} bytes`;
  const control = firstControl(value);
  if (control !== null) return `${label} contains an invisible control character; retype it instead of pasting`;
  return null;
}

/** Validates input for a new profile (or, with `existing`, an edit of it); returns the record or throws ProfileInputError. */
export function buildProfile(
  input: ProfileInput,
  context: { readonly otherNames: readonly string[]; readonly now: number; readonly existing?: ProfileRecord; readonly id?: string },
): ProfileRecord {
  const base = context.existing;
  const problems: string[] = [];
  const pick = (value: string | undefined, fallback: string | undefined): string => clean(value ?? fallback ?? '');

  const name = pick(input.name, base?.name);
  const nameProblem = textProblem('name', name, 64);
  if (nameProblem) problems.push(`${nameProblem}: give the profile a short name, e.g. --name "Acme EU"`);
  else if (name.toLowerCase() === PRACTICE_PROFILE_ID) problems.push(`name '${name}' is reserved for the built-in practice profile`);
  else if (context.otherNames.some((n) => n.toLowerCase() === name.toLowerCase())) problems.push(`a profile named '${name}' already exists`);

  const rawUrl = pick(input.baseUrl, base?.baseUrl ?? DEFAULT_BASE_URL);
  const url = checkBaseUrl(rawUrl);
  if (!url.ok) problems.push(url.message);

  const mdmId = normaliseMdmId(input.mdmId ?? base?.mdmId ?? '');
  const customerId = pick(input.customerId, base?.customerId);
  const license = pick(input.license, base?.license);
  for (const [label, flag, value, max] of [
    ['mdmId', '--mdm-id', mdmId, 50],
    ['customerId', '--customer-id', customerId, 50],
    ['licence', '--license', license, 100],
  ] as const) {
    const problem = textProblem(label, value, max);
    if (problem) problems.push(`${problem} (${flag}); copy it from the Knox E-FOTA console`);
  }

  const clientId = pick(input.clientId, base?.clientId);
  if (clientId) {
    const problem = textProblem('client id', clientId, 200);
    if (problem) problems.push(`${problem} (--client-id)`);
  }

  let caPem = input.caPem === undefined ? base?.caPem : input.caPem.trim();
  if (caPem === '') caPem = undefined;
  if (caPem !== undefined) {
    const parsed = parseCaPem(caPem, context.now);
    if (!parsed.ok) problems.push(`extra CA (--ca): ${parsed.problem}`);
  }

  if (problems.length > 0 || !url.ok) throw new ProfileInputError(problems);
  return {
    id: base?.id ?? context.id ?? newProfileId(),
    name,
    baseUrl: url.url,
    mdmId,
    customerId,
    license,
    ...(clientId ? { clientId } : {}),
    ...(caPem !== undefined ? { caPem: `${caPem}\n` } : {}),
    createdAt: base?.createdAt ?? new Date(context.now).toISOString(),
  };
}

const anyText = rawText(Number.MAX_SAFE_INTEGER);
const storedText = rawText(Number.MAX_SAFE_INTEGER, { filled: true });

/** A connection profile as stored in the settings file (the client secret lives only in the OS keychain). */
export const storedProfileSchema = objectIgnoringOthers({
  /** stable, file-system safe; names the keychain accounts and the per-profile data folder */
  id: v.pipe(
    storedText,
    v.check((id) => ID.test(id) && id !== PRACTICE_PROFILE_ID, (issue) => `is not a valid profile id: ${JSON.stringify(issue.input)}`),
  ),
  /** what the admin calls it (unique, case-insensitive) */
  name: storedText,
  baseUrl: v.pipe(
    storedText,
    v.rawCheck(({ dataset, addIssue }) => {
      const problem = dataset.typed ? baseUrlProblem(dataset.value) : null;
      if (problem !== null) addIssue({ message: problem });
    }),
  ),
  mdmId: storedText,
  customerId: storedText,
  license: storedText,
  /** the REST API key's client id; optional until `fota login` supplies it */
  clientId: v.exactOptional(anyText),
  /** extra CA certificates (PEM) trusted for this profile on top of the system roots */
  caPem: v.exactOptional(
    v.pipe(
      anyText,
      v.rawCheck(({ dataset, addIssue }) => {
        const parsed = dataset.typed ? parseCaPem(dataset.value) : null;
        if (parsed?.ok === false) addIssue({ message: `is an extra CA that ${parsed.problem.replace(/^it /, '')}` });
      }),
    ),
  ),
  /** ISO time of creation */
  createdAt: storedText,
});

/** A stored connection profile. */
export type ProfileRecord = Readonly<v.InferOutput<typeof storedProfileSchema>>;

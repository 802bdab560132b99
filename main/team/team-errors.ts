// What went wrong talking to the team database, in the admin's words, with the exit code scripts
// branch on. node-postgres errors carry a SQLSTATE (`code`) from the server, or a Node/TLS code when
// the server was never reached; neither ever contains the password.
import { SchemaTooNewError } from './migrations.ts';

/** How a failure is reported. */
export interface TeamFailure {
  readonly kind: 'auth' | 'network' | 'schema' | 'server';
  readonly message: string;
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME|TLS|SSL/i;

/** Describes a failure to reach or use the team database; null when it is not one. */
export function describeTeamFailure(error: unknown): TeamFailure | null {
  if (error instanceof SchemaTooNewError) return { kind: 'schema', message: error.message };
  if (!(error instanceof Error)) return null;
  const code = (error as { code?: unknown }).code;
  const text = error.message;
  if (code === '28P01' || code === '28000') return { kind: 'auth', message: `the database refused the user or password (${text}).` };
  if (code === '3D000') return { kind: 'server', message: `${text}: create the database first (docs/team.md).` };
  if (code === '42501') return { kind: 'server', message: `${text}: the role lacks a privilege (docs/team.md has the GRANTs FOTA Desk needs).` };
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return { kind: 'server', message: `the database answered: ${text} (SQLSTATE ${code}).` };
  if ((typeof code === 'string' && TLS_CODES.test(code)) || /does not support SSL|certificate/i.test(text)) {
    return { kind: 'network', message: `TLS failed: ${text}. The server's certificate must be valid for its name; give its CA with --ca FILE when it is not in the system roots.` };
  }
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return { kind: 'network', message: `the database server cannot be reached (${code}: ${text}).` };
  if (/timeout|Connection terminated/i.test(text)) return { kind: 'network', message: `the database server cannot be reached (${text}).` };
  return null;
}

// The renderer's Content-Security-Policy. It is sent as a header by the app:// protocol handler and
// repeated in renderer/index.html's <meta> (web mode and `electron-vite dev` serve the page without
// our handler); a test keeps the two identical and fails if either loosens.
// Why so strict: every E-FOTA call runs in main, so the page needs no network, no eval, no inline script.

/** The policy, directive by directive, in the order it is written. */
export const CSP_DIRECTIVES: readonly (readonly [string, ...string[]])[] = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  // React writes style attributes (virtualised rows are positioned with them); scripts stay strict.
  ['style-src', "'self'", "'unsafe-inline'"],
  ['img-src', "'self'", 'data:'],
  ['connect-src', "'self'"],
  ['worker-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
];

/** The policy as one header value. */
export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.map((d) => d.join(' ')).join('; ');

/** Parses a policy into directive → sources (lower-case names; later duplicates ignored, as browsers do). */
export function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/).filter(Boolean);
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

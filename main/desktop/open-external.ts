// The one way a URL leaves the app for the system browser. Links in the window (Samsung's
// documentation, the Knox console) come through here; anything else is refused and reported.

/** Hosts (and their sub-domains) the app may open in the system browser: Samsung's Knox sites and API docs. */
export const EXTERNAL_HOSTS: readonly string[] = ['samsungknox.com', 'seap.samsung.com'];

/** Help › Knox E-FOTA Documentation. */
export const DOCUMENTATION_URL = 'https://docs.samsungknox.com/dev/knox-e-fota/';

/** Why a URL was or was not opened. */
export type ExternalVerdict = { readonly open: true; readonly url: string } | { readonly open: false; readonly reason: string };

/** Decides whether `raw` may be opened: `https:`, default port, no credentials, an allowed host. */
export function checkExternalUrl(raw: string, hosts: readonly string[] = EXTERNAL_HOSTS): ExternalVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { open: false, reason: 'not a valid URL' };
  }
  if (url.protocol !== 'https:') return { open: false, reason: `only https: links open outside the app (got ${url.protocol})` };
  if (url.username || url.password) return { open: false, reason: 'links with a user name or password are refused' };
  if (url.port !== '') return { open: false, reason: 'links to a non-standard port are refused' };
  const host = url.hostname.toLowerCase();
  const allowed = hosts.some((h) => host === h || host.endsWith(`.${h}`));
  if (!allowed) return { open: false, reason: `${host} is not on the list of sites the app opens (${hosts.join(', ')})` };
  return { open: true, url: url.href };
}

/** Electron's `shell.openExternal`, injected. */
export type OpenExternal = (url: string) => Promise<void>;

/** Opens `raw` in the system browser when allowed; returns the verdict (refusals are reported, never thrown). */
export async function safeOpenExternal(
  raw: string,
  open: OpenExternal,
  report: (message: string) => void,
  hosts: readonly string[] = EXTERNAL_HOSTS,
): Promise<ExternalVerdict> {
  const verdict = checkExternalUrl(raw, hosts);
  if (!verdict.open) {
    report(`Refused to open a link outside the app: ${verdict.reason}.`);
    return verdict;
  }
  try {
    await open(verdict.url);
  } catch (error) {
    report(`Could not open ${verdict.url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return verdict;
}

// Test helper: talks real HTTPS to a simulator, trusting only its CA, and reads request fixtures.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Agent, fetch, type Headers } from 'undici';
import type { RunningSimulator } from '../../../main/simulator/index.ts';

/** test/fixtures/simulator */
export const FIXTURES = resolve(import.meta.dirname, '../../fixtures/simulator');

/** Paths of the operations, written out here rather than taken from any table under test. */
export const PATH = {
  groupRegister: '/b2bfota/v2/groupRegister',
  groupLicenseChange: '/b2bfota/v2/groupLicenseChange',
  licenseInfo: '/b2bfota/v2/licenseInfo',
  abnormalDeviceList: '/b2bfota/v2/abnormalDeviceList',
  firmwareList: '/b2bfota/v2/firmwareList',
  forceUpdate: '/b2bfota/v2/forceUpdate',
  forceUpdateSummary: '/b2bfota/v2/forceUpdateSummary',
  forceUpdateDetail: '/b2bfota/v2/forceUpdateDetail',
  serverInit: '/b2bfota/v1/serverInit',
  serviceregister: '/b2bfota/v1/serviceregister',
} as const;

/** An operation name of the API. */
export type Operation = keyof typeof PATH;

/** A fixture's text with `{{name}}` placeholders filled. */
export function fixture(relative: string, vars: Record<string, string> = {}): string {
  const text = readFileSync(resolve(FIXTURES, relative), 'utf8');
  return text.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => {
    const v = vars[name];
    if (v === undefined) throw new Error(`fixture ${relative} needs {{${name}}}`);
    return v;
  });
}

/** What came back. */
export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** the FUD code of an XML error body, if any */
  code: string | null;
}

/** The FUD code in an `<error>` body. */
export function fudCode(text: string): string | null {
  return /<error>[\s\S]*<code>(FUD_\d{4})<\/code>/.exec(text)?.[1] ?? null;
}

/** The text of the first `<name>` element. */
export function element(text: string, name: string): string | null {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(text)?.[1] ?? null;
}

/** An HTTPS client for one simulator. */
export class SimHttp {
  readonly agent: Agent;
  #token: string | null = null;

  constructor(readonly sim: RunningSimulator) {
    this.agent = new Agent({ connect: { ca: sim.caPem } });
  }

  /** A token from the token endpoint, with the demo client (cached). */
  async token(): Promise<string> {
    if (this.#token) return this.#token;
    const res = await this.form({ grant_type: 'client_credentials', client_id: this.sim.tenant.clientId, client_secret: this.sim.tenant.clientSecret });
    if (res.status !== 200) throw new Error(`token endpoint said ${res.status}: ${res.text}`);
    this.#token = (JSON.parse(res.text) as { access_token: string }).access_token;
    return this.#token;
  }

  /** Forgets the cached token. */
  dropToken(): void {
    this.#token = null;
  }

  /** POSTs a form to the token endpoint. */
  async form(fields: Record<string, string>, contentType = 'application/x-www-form-urlencoded'): Promise<Reply> {
    return this.raw('/iam/auth/oauth/v2/token', new URLSearchParams(fields).toString(), { 'content-type': contentType });
  }

  /** POSTs XML to an operation with a bearer token (null = no Authorization header). */
  async post(path: string, body: string, options: { token?: string | null; contentType?: string } = {}): Promise<Reply> {
    const token = options.token === undefined ? await this.token() : options.token;
    const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/xml' };
    if (token !== null) headers['authorization'] = `Bearer ${token}`;
    return this.raw(path, body, headers);
  }

  /** Sends a fixture to an operation. */
  async send(operation: Operation, relative: string, vars: Record<string, string> = {}): Promise<Reply> {
    return this.post(PATH[operation], fixture(relative, vars));
  }

  /** Any request. */
  async raw(path: string, body: string | Buffer | null, headers: Record<string, string>, method = 'POST'): Promise<Reply> {
    const res = await fetch(`${this.sim.url}${path}`, { method, headers, body, dispatcher: this.agent });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, code: fudCode(text) };
  }

  /** Closes the connection pool. */
  async close(): Promise<void> {
    await this.agent.close();
  }
}

/** Pushes the valid forceUpdate fixture and returns its forceUpdateId. */
export async function pushForceUpdate(http: SimHttp, relative = 'requests/forceUpdate/ok.xml'): Promise<string> {
  const reply = await http.send('forceUpdate', relative);
  const id = element(reply.text, 'forceUpdateId');
  if (reply.status !== 200 || !id) throw new Error(`forceUpdate failed: ${reply.status} ${reply.text}`);
  return id;
}

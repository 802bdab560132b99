// The Node transport: undici's own fetch over a dispatcher that trusts the public roots *plus* an
// optional extra CA, honours HTTPS_PROXY / NO_PROXY, and limits the connect time. Electron's net.fetch
// is injected instead inside the app. Each call also records whether its request was written to the
// socket, so a failure can say for certain that the server never received it.
import { rootCertificates } from 'node:tls';
import { Agent, Dispatcher, EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';
import { FetchFailure, type FetchLike, type FetchResponse } from './http.ts';

/** Options of the Node transport. */
export interface NodeFetchOptions {
  /** PEM text of extra CA certificates, added to (never replacing) the public roots */
  readonly extraCaPem?: string | null;
  /** TCP + TLS connect limit (default 10 s) */
  readonly connectTimeoutMs?: number;
  /** environment for HTTPS_PROXY / HTTP_PROXY / NO_PROXY (default: none, i.e. direct) */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** A fetch plus its connection pool, which must be closed when done. */
export interface NodeFetch {
  readonly fetch: FetchLike;
  /** the CA list the dispatcher trusts (public roots first, then the extra ones) */
  readonly trustedCas: readonly string[];
  /** true when requests go through a proxy from the environment */
  readonly proxied: boolean;
  close(): Promise<void>;
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The certificates in a PEM text (an empty list when it holds none). */
export function pemCertificates(pem: string): string[] {
  return pem.match(PEM_CERT) ?? [];
}

/** Reads an environment variable in either case, as curl and undici do. */
function envValue(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const value = env[name.toLowerCase()] ?? env[name.toUpperCase()];
  return value && value.trim() !== '' ? value.trim() : undefined;
}

/** Creates the Node transport. */
export function createNodeFetch(options: NodeFetchOptions = {}): NodeFetch {
  const extra = options.extraCaPem ? pemCertificates(options.extraCaPem) : [];
  const ca = [...rootCertificates, ...extra];
  const connect = { ca, timeout: options.connectTimeoutMs ?? 10_000 };
  const env = options.env ?? {};
  const httpsProxy = envValue(env, 'https_proxy');
  const httpProxy = envValue(env, 'http_proxy');
  const noProxy = envValue(env, 'no_proxy');
  const proxied = Boolean(httpsProxy ?? httpProxy);
  // Explicit values (possibly empty) so undici never falls back to this process's own environment.
  const dispatcher: Dispatcher = proxied
    ? new EnvHttpProxyAgent({
        connect,
        requestTls: { ca },
        proxyTls: { ca },
        httpProxy: httpProxy ?? '',
        httpsProxy: httpsProxy ?? httpProxy ?? '',
        noProxy: noProxy ?? '',
      })
    : new Agent({ connect });

  const fetch: FetchLike = async (url, init) => {
    const tracker = new SentTracker(dispatcher);
    try {
      const response = await undiciFetch(url, {
        method: init.method,
        headers: init.headers,
        body: init.body,
        signal: init.signal,
        redirect: init.redirect,
        dispatcher: tracker,
      });
      return response as unknown as FetchResponse;
    } catch (error) {
      throw new FetchFailure(error, tracker.sent);
    }
  };

  return { fetch, trustedCas: ca, proxied, close: () => dispatcher.close() };
}

type Handler = Dispatcher.DispatchHandler & Record<string, unknown>;

// Forwards one request to the shared pool, watching the request leave: `onRequestSent` /
// `onBodySent` fire once the bytes were handed to the socket.
class SentTracker extends Dispatcher {
  sent = false;
  readonly #target: Dispatcher;

  constructor(target: Dispatcher) {
    super();
    this.#target = target;
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const original = handler as Handler;
    const wrapped: Record<string, unknown> = {};
    const forward = (name: string) => (...args: unknown[]): unknown => {
      const method = original[name];
      return typeof method === 'function' ? (method as (...a: unknown[]) => unknown).apply(original, args) : undefined;
    };
    // undici fetch uses the classic handler methods; keep exactly the ones it defines.
    for (const name of ['onConnect', 'onResponseStarted', 'onHeaders', 'onData', 'onComplete', 'onError', 'onUpgrade']) {
      if (typeof original[name] === 'function') wrapped[name] = forward(name);
    }
    wrapped['onBodySent'] = (...args: unknown[]): unknown => {
      this.sent = true;
      return forward('onBodySent')(...args);
    };
    wrapped['onRequestSent'] = (): unknown => {
      this.sent = true;
      return forward('onRequestSent')();
    };
    return this.#target.dispatch(options, wrapped as unknown as Dispatcher.DispatchHandler);
  }

  override close(): Promise<void> {
    return Promise.resolve();
  }

  override destroy(): Promise<void> {
    return Promise.resolve();
  }
}

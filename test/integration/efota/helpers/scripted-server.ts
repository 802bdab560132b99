// A real HTTPS server on loopback that answers whatever a test scripts, with the simulator's test
// certificate: for the answers the simulator never gives (hostile, broken, stalled, or simply what
// Samsung's real server and the gateways in front of it may send). Every request is recorded with
// its exact bytes; `routes` scripts status, headers and body per path, one answer after another.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { resolve } from 'node:path';

const certs = resolve(import.meta.dirname, '../../../../main/simulator/certs');

/** The simulator's test CA (PEM). */
export const TEST_CA_PEM = readFileSync(resolve(certs, 'ca.pem'), 'utf8');

/** One request the server received. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  /** the body as UTF-8 text */
  readonly body: string;
  /** the body exactly as received */
  readonly bytes: Buffer;
}

/** A running scripted server. */
export interface ScriptedServer {
  /** https://127.0.0.1:<port> */
  readonly url: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Handles one request after its body was read; may answer, stall or destroy the socket. */
export type Script = (request: RecordedRequest, res: ServerResponse, socket: Socket) => void | Promise<void>;

/** Starts an HTTPS server on 127.0.0.1 with the simulator's certificate. */
export async function startScriptedServer(script: Script): Promise<ScriptedServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer(
    { key: readFileSync(resolve(certs, 'server-key.pem')), cert: readFileSync(resolve(certs, 'server.pem')) },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: bytes.toString('utf8'), bytes };
        requests.push(recorded);
        void Promise.resolve(script(recorded, res, req.socket)).catch(() => res.destroy());
      });
    },
  );
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    requests,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

/** A script that answers every request with the same status, body and headers. */
export function answer(status: number, body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/xml' }): Script {
  return (_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  };
}

/** One scripted answer: status, headers (default: XML) and body (text, or exact bytes). */
export interface Reply {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
}

/** Shorthand for a reply. */
export function reply(status: number, body: string | Buffer = '', headers: Record<string, string> = { 'content-type': 'application/xml' }): Reply {
  return { status, body, headers };
}

/**
 * A script answering per path (the query is ignored): a single reply answers every request to that
 * path; a list answers them in turn, its last reply repeating. An unscripted path gets the gateway's
 * `404 Policy Falsified`, so a request to the wrong place shows in the test.
 */
export function routes(table: Readonly<Record<string, Reply | readonly Reply[]>>): Script {
  const served = new Map<string, number>();
  return (req, res) => {
    const path = req.url.split('?')[0] ?? '';
    const entry = table[path];
    if (entry === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Policy Falsified');
      return;
    }
    const list: readonly Reply[] = Array.isArray(entry) ? entry : [entry as Reply];
    const count = served.get(path) ?? 0;
    served.set(path, count + 1);
    const chosen = list[Math.min(count, list.length - 1)] as Reply;
    res.writeHead(chosen.status, chosen.headers ?? { 'content-type': 'application/xml' });
    res.end(chosen.body ?? '');
  };
}

// A real HTTPS server on loopback that answers whatever a test scripts, with the simulator's test
// certificate: for the answers the simulator never gives (hostile, broken, stalled).
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
  readonly body: string;
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
        const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
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

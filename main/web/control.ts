// How a terminal asks a running web mode for a new single-use link (for a second browser) when it
// cannot press a key in the terminal that started it (no TTY: a service, a script, a test harness):
// the running server writes `<dataDir>/web-mode.json` (readable by this user only, like the rest of
// the data folder) with its port and a random control key; `start:web --new-link` reads it and asks
// the server on 127.0.0.1. Whoever can read the data folder could read the profiles anyway, so the
// key grants nothing new; a web page cannot read the file, and the server refuses browser requests.
import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import * as v from 'valibot';
import { readJson } from '../../common/schema/check-json.ts';
import { finiteNumber, objectIgnoringOthers, rawText } from '../../common/schema/json-fields.ts';
import { writeFileAtomic } from '../store/safe-file.ts';

/** The control file of a data folder. */
export function controlFile(dataDir: string): string {
  return path.join(dataDir, 'web-mode.json');
}

/** What the control file holds (older files may lack startedAt). */
const controlSchema = objectIgnoringOthers({
  pid: finiteNumber(),
  port: finiteNumber(),
  key: rawText(Number.MAX_SAFE_INTEGER),
  startedAt: v.optional(v.pipe(v.unknown(), v.transform((at) => String(at ?? ''))), ''),
});

/** What the control file holds. */
type Control = v.InferOutput<typeof controlSchema>;

/** A fresh control key. */
export function newControlKey(): string {
  return randomBytes(32).toString('base64url');
}

/** Publishes the running server's port and key; returns the way to withdraw them (only if still ours). */
export function publishControl(dataDir: string, port: number, key: string): () => void {
  const file = controlFile(dataDir);
  const control: Control = { pid: process.pid, port, key, startedAt: new Date().toISOString() };
  writeFileAtomic(file, `${JSON.stringify(control)}\n`);
  return () => {
    try {
      if (readControl(dataDir)?.key === key) unlinkSync(file);
    } catch {
      // already gone, or replaced by a newer web mode
    }
  };
}

function readControl(dataDir: string): Control | null {
  let text: string;
  try {
    text = readFileSync(controlFile(dataDir), 'utf8');
  } catch {
    return null; // no web mode has published here
  }
  const read = readJson(text, controlSchema);
  return read.ok ? read.value : null;
}

/** Asks the web mode running on `dataDir` for a new link; throws an Error whose message says what to do. */
export async function requestNewLink(dataDir: string): Promise<string> {
  const control = readControl(dataDir);
  if (!control) throw new Error(`No FOTA Desk web mode is running on the data folder ${dataDir}. Start one with 'npm run start:web'.`);
  const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: control.port, method: 'POST', path: '/api/new-link', agent: false, headers: { host: `127.0.0.1:${control.port}`, 'x-fota-desk-control': control.key, 'content-length': 0 }, timeout: 10_000 },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  }).catch((error: unknown) => {
    throw new Error(`The web mode that published ${controlFile(dataDir)} (process ${control.pid}, port ${control.port}) does not answer (${error instanceof Error ? error.message : String(error)}); it has probably stopped. Start it again with 'npm run start:web'.`);
  });
  let url: unknown;
  try {
    url = (JSON.parse(answer.body) as { url?: unknown }).url;
  } catch {
    url = undefined;
  }
  if (answer.status !== 200 || typeof url !== 'string') throw new Error(`The web mode on port ${control.port} refused a new link (HTTP ${answer.status}: ${answer.body.trim().slice(0, 200)}).`);
  return url;
}

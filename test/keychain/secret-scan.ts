// Looks for a secret, in the forms it could leak in, through every file under a folder and any text.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The secret as it could appear: plain, base64 (also URL-safe), URL-encoded (form and path style). */
export function leakForms(secret: string): Record<string, string> {
  const base64 = Buffer.from(secret, 'utf8').toString('base64');
  return {
    plain: secret,
    base64,
    base64NoPadding: base64.replace(/=+$/, ''),
    base64url: Buffer.from(secret, 'utf8').toString('base64url'),
    urlEncoded: encodeURIComponent(secret),
    formEncoded: new URLSearchParams({ s: secret }).toString().slice(2),
  };
}

/** Every file below `dir` (following no links). */
export function filesUnder(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(full));
    else if (entry.isFile()) found.push(full);
  }
  return found;
}

/** Where (file or label) and in which form the secret was found. */
export function findLeaks(secret: string, dir: string, texts: Record<string, string> = {}): string[] {
  const forms = Object.entries(leakForms(secret));
  const hits: string[] = [];
  const scan = (where: string, content: Buffer): void => {
    for (const [form, value] of forms) {
      // compared as bytes, so a match inside a binary file is found too
      if (content.includes(Buffer.from(value, 'utf8'))) hits.push(`${where} (${form})`);
    }
  };
  for (const file of filesUnder(dir)) scan(file, readFileSync(file));
  for (const [label, text] of Object.entries(texts)) scan(label, Buffer.from(text, 'utf8'));
  return hits;
}

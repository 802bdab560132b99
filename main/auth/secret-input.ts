// Reading a client secret from the admin: typed at a terminal without echo, or piped on stdin (for
// scripts: `printf %s "$SECRET" | fota login`). Never from a command-line flag, which `ps` and the
// shell history would show.
import type { Readable } from 'node:stream';

/** The secret could not be read (empty, cancelled, several lines). */
export class SecretInputError extends Error {
  override readonly name = 'SecretInputError';
}

/** The most a secret may be; Samsung's are 36 characters. */
const MAX_SECRET_BYTES = 4096;

/** Reads a piped secret: the whole of stdin, one line, trailing newline dropped (`what` names it in messages). */
export async function readSecretFromPipe(stdin: Readable, what = 'client secret'): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_SECRET_BYTES) throw new SecretInputError(`stdin holds more than a ${what}; pipe only the secret itself.`);
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  return checkSecret(text, what);
}

function checkSecret(text: string, what: string): string {
  const secret = text.trim();
  if (secret === '') throw new SecretInputError(`no ${what} was given; pipe it on stdin or type it when asked.`);
  if (/[\r\n]/.test(secret)) throw new SecretInputError(`the ${what} must be a single line; pipe only the secret itself.`);
  return secret;
}

/** The parts of a terminal stream the prompt needs (tty.ReadStream fits). */
interface TerminalInput extends Readable {
  setRawMode?(mode: boolean): unknown;
  isRaw?: boolean;
}

/** Asks for a secret at a terminal without echoing it; Ctrl+C or Ctrl+D cancels. */
export async function promptSecret(stdin: Readable, write: (text: string) => void, prompt: string, what = 'client secret'): Promise<string> {
  const input = stdin as TerminalInput;
  write(prompt);
  const wasRaw = input.isRaw === true;
  input.setRawMode?.(true);
  input.setEncoding('utf8');
  try {
    const typed = await new Promise<string>((resolve, reject) => {
      let value = '';
      const onData = (data: string): void => {
        for (const ch of data) {
          if (ch === '\r' || ch === '\n') return finish(() => resolve(value));
          if (ch === '\u0003' || ch === '\u0004') return finish(() => reject(new SecretInputError('cancelled; nothing was stored.')));
          if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
          else if (ch >= ' ') value += ch;
        }
      };
      const onEnd = (): void => finish(() => reject(new SecretInputError('input ended before a secret was typed; nothing was stored.')));
      const finish = (settle: () => void): void => {
        input.off('data', onData);
        input.off('end', onEnd);
        settle();
      };
      input.on('data', onData);
      input.once('end', onEnd);
      input.resume();
    });
    return checkSecret(typed, what);
  } finally {
    input.setRawMode?.(wasRaw);
    input.pause();
    write('\n');
  }
}

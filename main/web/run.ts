// `npm run start:web`: the app in a browser, for machines without Electron (like our build
// machines) and for the web E2E. Builds the services on the data folder, serves the renderer and
// the handler table on 127.0.0.1, and prints the address with its one-time key.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createHandlers } from '../ipc/handlers.ts';
import { composeServices } from '../services/compose.ts';
import { currentDataFolder } from '../store/data-folder.ts';
import { isPackagedRuntime } from '../store/packaged.ts';
import { startWebServer, type WebServer } from './server.ts';

/** Set by tests: the file the server writes its address (with the key) to, readable only by this user. */
export const URL_FILE_ENV = 'FOTA_DESK_WEB_URL_FILE';

const HELP = `npm run start:web [-- --port N]

Runs FOTA Desk in your browser: serves the app on 127.0.0.1 only and prints an address with a
one-time key. Open that address in a browser on this computer; the key is exchanged for a cookie
and removed from the address bar. Keep the address to yourself: it lets a browser use your profiles.

  --port N   listen on port N (default: a free port)
  --help     show this help

Data folder: the same as the desktop app and the fota command line (FOTA_DESK_DATA_DIR overrides it
in a source checkout). With no profile of your own it starts in practice mode.
`;

/** Where a running web mode writes. */
export interface WebModeIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The built renderer next to this bundle (out/node → out/renderer), or in out/ of a source checkout. */
export function findRendererDir(): string | null {
  for (const candidate of ['../renderer/', '../../out/renderer/']) {
    const dir = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(`${dir}index.html`)) return dir;
  }
  return null;
}

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Starts web mode; resolves with the running server and a stop function (null and an exit code on bad usage). */
export async function runWebMode(argv: readonly string[], io: WebModeIo): Promise<{ server: WebServer; stop: () => Promise<void> } | { exitCode: number }> {
  let values: { port?: string | undefined; help?: boolean | undefined };
  try {
    values = parseArgs({ args: [...argv], options: { port: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }).values;
  } catch (error) {
    io.stderr(`start:web: ${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
    return { exitCode: 2 };
  }
  if (values.help) {
    io.stdout(HELP);
    return { exitCode: 0 };
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.stderr(`start:web: --port must be a whole number from 0 to 65535 (got '${values.port ?? ''}').\n`);
    return { exitCode: 2 };
  }
  const rendererDir = findRendererDir();
  if (rendererDir === null) {
    io.stderr('start:web: the built app was not found (out/renderer/index.html). Run `npm run build` first, or use `npm run start:web`, which builds.\n');
    return { exitCode: 1 };
  }
  const isPackaged = isPackagedRuntime();
  const dataDir = currentDataFolder(io.env, isPackaged);
  const services = composeServices({ dataDir, env: io.env, transport: 'web', version: version(), isPackaged, log: (message) => io.stderr(`start:web: ${message}\n`) });
  let server: WebServer;
  try {
    server = await startWebServer({ handlers: createHandlers(services), events: services.events, rendererDir, port });
  } catch (error) {
    await services.close();
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr(`start:web: cannot listen on 127.0.0.1:${port}${code ? ` (${code})` : ''}. ${code === 'EADDRINUSE' ? 'Another program uses that port; choose another with --port, or leave it out for a free one.' : String(error)}\n`);
    return { exitCode: 1 };
  }
  const file = io.env[URL_FILE_ENV];
  if (file) writeFileSync(file, `${server.url}\n`, { mode: 0o600 });
  io.stdout(
    `FOTA Desk is running in web mode.\n\n` +
      `  Open: ${server.url}\n\n` +
      `The address holds a one-time key: open it in a browser on this computer and do not share it.\n` +
      `Data folder: ${dataDir}\n` +
      `Press Ctrl+C to stop.\n`,
  );
  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopping ??= server.close().finally(() => services.close());
    return stopping;
  };
  return { server, stop };
}

// `npm run start:web`: the app in a browser, for machines without Electron (like our build
// machines) and for the web E2E. Builds the services on the data folder, serves the renderer and
// the handler table on 127.0.0.1, and prints the address with its single-use key; `--new-link`
// asks the running server for another one (control.ts).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createHandlers } from '../ipc/handlers.ts';
import { composeServices } from '../services/compose.ts';
import { currentDataFolder } from '../store/data-folder.ts';
import { isPackagedRuntime } from '../store/packaged.ts';
import { startWebServer, type WebServer } from './server.ts';
import { newControlKey, publishControl, requestNewLink } from './control.ts';
import { writePrivateFile } from '../store/private-files.ts';

/** Set by tests: the file the server writes its address (with the key) to, readable only by this user. */
export const URL_FILE_ENV = 'FOTA_DESK_WEB_URL_FILE';

const HELP = `npm run start:web [-- --port N]
npm run start:web -- --new-link        (or: node out/node/web.mjs --new-link)

Runs FOTA Desk in your browser: serves the app on 127.0.0.1 only and prints an address with a
single-use key. Open that address in a browser on this computer: the first time it is opened, the key
is exchanged for a cookie of that browser and burnt, and removed from the address bar. A copy of the
address (browser history, a screenshot, the terminal's scroll-back) opens nothing afterwards.

For another browser, ask for a new link: press n in the terminal where web mode runs, or run
--new-link from any terminal of this user (it reads the running server's port and control key from
the data folder). Press q or Ctrl+C to stop.

  --port N     listen on port N (default: a free port)
  --new-link   print a new single-use link of the web mode running on this data folder, then exit
  --help       show this help

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

/** Starts web mode (or, with --new-link, asks the running one for a link); resolves with the running server and a stop function, or an exit code. */
export async function runWebMode(argv: readonly string[], io: WebModeIo): Promise<{ server: WebServer; stop: () => Promise<void> } | { exitCode: number }> {
  let values: { port?: string | undefined; help?: boolean | undefined; 'new-link'?: boolean | undefined };
  try {
    values = parseArgs({ args: [...argv], options: { port: { type: 'string' }, help: { type: 'boolean', short: 'h' }, 'new-link': { type: 'boolean' } }, strict: true, allowPositionals: false }).values;
  } catch (error) {
    io.stderr(`start:web: ${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
    return { exitCode: 2 };
  }
  if (values.help) {
    io.stdout(HELP);
    return { exitCode: 0 };
  }
  if (values['new-link']) {
    try {
      const link = await requestNewLink(currentDataFolder(io.env, isPackagedRuntime()));
      io.stdout(`  Open: ${link}\n\nThe address holds a single-use key: it lets one browser in, once. Do not share it.\n`);
      return { exitCode: 0 };
    } catch (error) {
      io.stderr(`start:web --new-link: ${error instanceof Error ? error.message : String(error)}\n`);
      return { exitCode: 1 };
    }
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
  const controlKey = newControlKey();
  const onNewLink = (): void => io.stdout(`A new single-use link was handed out to 'start:web --new-link' (${new Date().toISOString()}).\n`);
  try {
    server = await startWebServer({ handlers: createHandlers(services), events: services.events, rendererDir, port, controlKey, onNewLink });
  } catch (error) {
    await services.close();
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr(`start:web: cannot listen on 127.0.0.1:${port}${code ? ` (${code})` : ''}. ${code === 'EADDRINUSE' ? 'Another program uses that port; choose another with --port, or leave it out for a free one.' : String(error)}\n`);
    return { exitCode: 1 };
  }
  const withdraw = publishControl(dataDir, server.port, controlKey);
  const file = io.env[URL_FILE_ENV];
  if (file) writePrivateFile(file, `${server.url}\n`);
  io.stdout(
    `FOTA Desk is running in web mode.\n\n` +
      `  Open: ${server.url}\n\n` +
      `The address holds a single-use key: the first browser to open it is let in, and the address\n` +
      `opens nothing after that. Open it in a browser on this computer and do not share it.\n` +
      `For another browser: press n here (in a terminal), or run 'node out/node/web.mjs --new-link'.\n` +
      `Data folder: ${dataDir}\n` +
      `Press q or Ctrl+C to stop.\n`,
  );
  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopping ??= server.close().finally(() => {
      withdraw();
      return services.close();
    });
    return stopping;
  };
  return { server, stop };
}

import { EXIT, type ExitCode } from './exit-codes.ts';
import type { Command } from './command.ts';
import type { CliIo } from './io.ts';
import { loadCommands } from './registry.ts';
import { reportFailure } from './failure.ts';
import { onLockTakeover } from '../store/file-lock.ts';
import { currentDataFolder } from '../store/data-folder.ts';
import { isPackagedRuntime } from '../store/packaged.ts';
import { tightenDataFolder } from '../store/private-files.ts';
import { openSecretStore } from '../auth/open-secret-store.ts';
import { syncWaitingRecords } from '../team/auto-sync.ts';

function overview(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length), 8);
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'fota — FOTA Desk on the command line (Samsung Knox E-FOTA)',
    '',
    'Usage: fota <command> [options]      fota <command> --help for its options',
    '',
    'Commands:',
    ...lines,
    '',
    'Exit codes: 0 success, 2 invalid input, 3 E-FOTA (FUD) error, 4 authentication, 5 network,',
    '            6 some calls rejected, 7 unknown calls need a decision, 8 batch locked,',
    '            9 a file could not be written (disk full, read-only, no permission).',
    '',
  ].join('\n');
}

/** Finds the longest command name that prefixes argv (`batch send` before `batch`). */
function match(commands: readonly Command[], argv: readonly string[]): { command: Command; rest: string[] } | null {
  let best: { command: Command; rest: string[] } | null = null;
  for (const command of commands) {
    const words = command.name.split(' ');
    if (words.every((w, i) => argv[i] === w) && (!best || words.length > best.command.name.split(' ').length)) {
      best = { command, rest: argv.slice(words.length) };
    }
  }
  return best;
}

/** Runs `fota` with the given arguments; never throws, returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const commands = await loadCommands();
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.stdout(overview(commands));
    return argv.length === 0 ? EXIT.invalidInput : EXIT.ok;
  }
  const found = match(commands, argv);
  if (!found) {
    io.stderr(`fota: unknown command '${argv.join(' ')}'. Run 'fota --help' for the list.\n`);
    return EXIT.invalidInput;
  }
  if (found.rest.includes('--help') || found.rest.includes('-h')) {
    io.stdout(found.command.help.endsWith('\n') ? found.command.help : `${found.command.help}\n`);
    return EXIT.ok;
  }
  const name = found.command.name;
  // Files an older version (or a copy) left readable by others are narrowed first.
  tightenDataFolder(currentDataFolder(io.env, isPackagedRuntime()));
  // A lock left by a crash heals instead of wedging the command; the admin is told.
  const stopNotices = onLockTakeover((takeover) => io.stderr(`fota ${name}: notice: ${takeover.message}\n`));
  try {
    const code = await found.command.run(found.rest, io);
    // Team mode: records this command left in the outbox go to the shared record now, when it can be reached.
    if (!name.startsWith('team ')) {
      const notice = await syncWaitingRecords(currentDataFolder(io.env, isPackagedRuntime()), openSecretStore({ env: io.env, isPackaged: isPackagedRuntime() }));
      if (notice !== null) io.stderr(`fota ${name}: notice: ${notice}\n`);
    }
    return code;
  } catch (error) {
    // A bad flag, a full disk, a read-only folder or a lock is the admin's to fix, not a bug.
    const known = reportFailure(io, name, error, false);
    if (known !== null) return known;
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`fota ${name}: unexpected error: ${message}\nThis is a bug; please report it with 'fota diagnostics'.\n`);
    return EXIT.internal;
  } finally {
    stopNotices();
  }
}

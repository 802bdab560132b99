// Entry of out/node/web.mjs (`npm run start:web`). At a terminal, keys act at once: n prints a new
// single-use link (for another browser), q or Ctrl+C stops. Without a terminal (a service, a test
// harness) `web.mjs --new-link` does what n does, from any terminal of the same user.
import { runWebMode } from './run.ts';

const started = await runWebMode(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
if ('exitCode' in started) {
  process.exitCode = started.exitCode;
} else {
  const stdin = process.stdin;
  const keys = stdin.isTTY === true;
  const shutdown = (): void => {
    if (keys) stdin.setRawMode(false);
    stdin.pause();
    void started.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  if (keys) {
    // Raw mode hands every key over as typed; Ctrl+C then arrives as a character, not a signal.
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.on('data', (key: string) => {
      if (key === 'n' || key === 'N') process.stdout.write(`\n  Open: ${started.server.newLink()}\n\nA new single-use link, for one more browser. Press n for another, q to stop.\n`);
      else if (key === 'q' || key === 'Q' || key === '\u0003' || key === '\u0004') shutdown();
    });
  }
}

// Entry of out/node/web.mjs (`npm run start:web`).
import { runWebMode } from './run.ts';

const started = await runWebMode(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
if ('exitCode' in started) {
  process.exitCode = started.exitCode;
} else {
  const shutdown = (): void => {
    void started.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

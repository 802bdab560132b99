// Entry of the `fota` binary (out/node/fota.mjs).
import { processIo } from './io.ts';
import { runCli } from './run.ts';

const code = await runCli(process.argv.slice(2), processIo());
process.exitCode = code;

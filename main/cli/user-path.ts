// Where a file argument of `fota` lives. A relative name means the directory the user typed the
// command in: under `npm run fota` npm runs the script in the package root and passes the user's
// directory as INIT_CWD, so process.cwd() alone would look for `fleet.csv` in the wrong folder.
// Every file argument (device lists, -o, --ca, hand-off files, seed files) resolves through here,
// and every message about a file names this full path.
import path from 'node:path';
import type { CliIo } from './io.ts';

/** npm's name for the directory `npm run` was started in. */
export const INIT_CWD_ENV = 'INIT_CWD';

/** The directory the user ran the command in: INIT_CWD when npm set it (an absolute path), else `cwd`. */
export function userDirectory(env: CliIo['env'], cwd: string): string {
  const initial = env[INIT_CWD_ENV];
  return initial !== undefined && initial !== '' && path.isAbsolute(initial) ? initial : cwd;
}

/** A file argument as a full path, resolved from the directory the user ran the command in. */
export function userPath(io: Pick<CliIo, 'env' | 'cwd'>, file: string): string {
  return path.resolve(userDirectory(io.env, io.cwd), file);
}

// Who did it: the OS user and host that created/edited stamps record, for the window, web mode and
// the CLI alike (compose.ts gives it to the services; the batch commands stamp with it).
import { hostname, userInfo } from 'node:os';
import type { Actor } from '../../common/batch/model.ts';

/** The OS user and host name, as created/edited stamps record them. */
export function currentActor(): Actor {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    // userInfo throws for a uid without a passwd entry (some containers).
    user = process.env['USER'] ?? process.env['USERNAME'] ?? 'unknown';
  }
  return { user, host: hostname() };
}

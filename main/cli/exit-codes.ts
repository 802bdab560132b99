/** Exit codes of the `fota` command line; scripts on helpdesk workstations branch on them. */
export const EXIT = {
  ok: 0,
  /** unexpected failure (a bug): the message asks for a report */
  internal: 1,
  /** invalid input: bad flag, bad file, a value Samsung would refuse */
  invalidInput: 2,
  /**
   * nothing was done: the confirmation was declined, nothing to send, nothing to retry. The code of
   * invalid input, so a script that treats 2 as "did not happen" keeps working.
   */
  nothingDone: 2,
  /** the E-FOTA server answered with a FUD error code */
  fud: 3,
  /** authentication failed (401, bad client credentials, no token) */
  auth: 4,
  /** network: DNS, refused, TLS, timeout, reset */
  network: 5,
  /** a batch send finished with some calls rejected */
  someRejected: 6,
  /** a batch send stopped with `unknown` calls that need a decision */
  unknownCalls: 7,
  /** the batch is locked by another process */
  locked: 8,
  /** a file could not be written: the disk is full, read-only, or this user may not write there */
  storage: 9,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

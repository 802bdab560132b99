import type { Command } from './command.ts';

// Every command, in the order `fota --help` lists them. Add one line per command file.
const modules: Array<() => Promise<{ command: Command }>> = [
];

/** Loads every registered command (lazily, so `fota --help` stays fast). */
export async function loadCommands(): Promise<Command[]> {
  const loaded = await Promise.all(modules.map((load) => load()));
  return loaded.map((m) => m.command);
}

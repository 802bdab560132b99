import type { Command } from './command.ts';

// Every file in ./commands/ exports `command` (or `commands`); Vite's glob import finds them, so
// adding a command never means editing a shared list.
const modules = import.meta.glob<{ command?: Command; commands?: Command[] }>('./commands/*.ts');

/** Loads every command under main/cli/commands/, sorted by name for `fota --help`. */
export async function loadCommands(): Promise<Command[]> {
  const loaded = await Promise.all(Object.values(modules).map((load) => load()));
  return loaded
    .flatMap((m) => [...(m.command ? [m.command] : []), ...(m.commands ?? [])])
    .sort((a, b) => a.name.localeCompare(b.name));
}

// How a count is said: "1 device", "3 devices", "1,250 scheduled pushes". One function for the
// rules, the batch summaries, the CLI, the desktop notifications and the window.

const english = (n: number): string => n.toLocaleString('en');

/** "1 call" / "3 calls" / "1,250 calls"; `many` for an irregular plural, `number` to format the count (default: English digits). */
export function plural(n: number, one: string, many = `${one}s`, number: (n: number) => string = english): string {
  return `${number(n)} ${n === 1 ? one : many}`;
}

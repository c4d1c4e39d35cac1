/**
 * A scenario's coverage warnings as the text output prints them: indented under its block,
 * the word `warning:` yellow on a terminal. `eosim run` and `eosim merge` print them alike.
 */
import type { Paint } from "./colour.ts";

const plain: Paint = (_style, text) => text;

/** The lines of `warnings` (each starting `warning: `, as a JSON summary holds them). */
export function warningLines(warnings: readonly string[], paint: Paint = plain): string[] {
  const word = "warning:";
  return warnings.map((warning) => (warning.startsWith(word) ? `  ${paint("yellow", word)}${warning.slice(word.length)}` : `  ${warning}`));
}

/**
 * Colour for terminal output, with Node's own `util.styleText` (no dependency). Colour is on
 * only when the stream is a terminal and `NO_COLOR` is unset (or `FORCE_COLOR` asks for it),
 * so CI logs, pipes and files get plain text that greps and diffs cleanly.
 */
import { styleText } from "node:util";

/** The styles eosim uses. */
export type Style = "green" | "red" | "yellow" | "dim" | "bold";

/** Whether output to `stream` should be coloured. */
export function colourWanted(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return stream.isTTY === true;
}

/** A painter: `paint(style, text)` colours text when `enabled`, else returns it unchanged. */
export type Paint = (style: Style, text: string) => string;

/** Make a painter for one stream. */
export function painter(enabled: boolean): Paint {
  return enabled ? (style, text) => styleText(style, text, { validateStream: false }) : (_style, text) => text;
}

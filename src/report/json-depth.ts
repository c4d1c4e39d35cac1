/**
 * A bound on the nesting of JSON that eosim reads back (repro files, shard reports): the
 * Schema decoder and the error messages walk decoded values recursively, so a file of, say,
 * 100000 nested arrays would overflow the stack (an eosim crash, exit 4) instead of being
 * refused as bad input. The files eosim writes nest fewer than 10 levels; the check scans the
 * text once, iteratively, before it is parsed.
 */
import { BadInputError } from "../scenario/bad-input.ts";

/** The deepest nesting of arrays and objects accepted. */
export const jsonDepthMax = 64;

const quote = 0x22;
const backslash = 0x5c;
const opening = new Set([0x5b, 0x7b]); // [ {
const closing = new Set([0x5d, 0x7d]); // ] }

/** The deepest nesting of arrays and objects in JSON `text`, counting up to `max + 1` at most. */
export function jsonDepth(text: string, max: number = jsonDepthMax): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === backslash) i++;
      else if (c === quote) inString = false;
    } else if (c === quote) inString = true;
    else if (opening.has(c)) {
      deepest = Math.max(deepest, ++depth);
      if (deepest > max) return deepest;
    } else if (closing.has(c)) depth--;
  }
  return deepest;
}

/** Throw {@link BadInputError} naming `file` when `text` nests deeper than {@link jsonDepthMax}. */
export function checkJsonDepth(text: string, file: string): void {
  if (jsonDepth(text) > jsonDepthMax) throw new BadInputError(`${file}: JSON nested deeper than ${jsonDepthMax} levels`);
}

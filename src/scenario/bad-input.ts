import { oneLine } from "../core/one-line.ts";

/**
 * Bad input from the user (a scenario file, a flag, a repro file): reported as one line
 * naming what is wrong, with exit code 2, never as a stack trace.
 */
export class BadInputError extends Error {
  override readonly name = "BadInputError";
  constructor(message: string) {
    // Messages quote names, keys and paths from user input as they are: keep them one line.
    super(oneLine(message));
  }
}

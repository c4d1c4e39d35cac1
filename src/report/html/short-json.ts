/**
 * Values as a report shows them: compact JSON text, cut past a bound so one huge payload
 * cannot make a report unreadable (or unbounded). A value without a JSON form shows as its
 * string form; one that cannot even be turned into a string shows as a placeholder.
 */

/** Characters of a value shown before it is cut. */
export const valueCharsMax = 400;

/** `text` cut to `max` characters, marked with "..." when cut. */
export function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}

/** `value` as compact JSON text, cut to `max` characters. */
export function shortJson(value: unknown, max = valueCharsMax): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    try {
      text = String(value);
    } catch {
      text = "(a value without a text form)";
    }
  }
  return cut(text, max);
}

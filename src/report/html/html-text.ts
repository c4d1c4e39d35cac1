/**
 * Markup built on the server (the run report, the page shell) with every value escaped by
 * construction: the `html` template tag escapes whatever it interpolates unless it already is
 * {@link Html} (built by `html` itself, or `raw` for eosim's own constant markup). A value from
 * a scenario or a processor cannot become markup by accident: it has to go through `raw`,
 * which only eosim's own constants do.
 */

/** Markup that is safe to put on a page as it is. */
export class Html {
  constructor(private readonly markup: string) {}

  toString(): string {
    return this.markup;
  }
}

const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** `value` as text: every character that means something in markup (in text or in a quoted attribute) escaped. */
export function text(value: unknown): Html {
  return new Html(String(value).replace(/[&<>"']/g, (c) => entities[c]));
}

/** eosim's own markup, as it is. Never for data. */
export function raw(markup: string): Html {
  return new Html(markup);
}

type Part = Html | string | number | boolean | null | undefined | readonly Part[];

function partHtml(part: Part): string {
  if (part instanceof Html) return part.toString();
  if (Array.isArray(part)) return part.map(partHtml).join("");
  if (part === null || part === undefined || part === false) return "";
  return text(part).toString();
}

/** A markup template: interpolated values are escaped (arrays joined), {@link Html} kept. */
export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0];
  for (let i = 0; i < parts.length; i++) out += partHtml(parts[i]) + strings[i + 1];
  return new Html(out);
}

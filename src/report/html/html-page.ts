/**
 * One self-contained HTML file: an inline stylesheet, at most one inline script, and the
 * page's data as JSON in a `<script type="application/json">` block, which a browser never
 * runs. Nothing is fetched: no external script, style, font or image, and a Content Security
 * Policy that allows only this file's own style and script (by their SHA-256 hashes) and
 * nothing else, so even markup that got into the page could neither run nor load anything.
 *
 * Safe by construction: data goes into the page only as JSON with every character that could
 * end the block or start markup escaped (`<`, `>`, `&`, `/` as `\u003c` and so on, valid JSON
 * that parses back to the same text), and the page's script puts it on the page as text.
 * Escaping `/` also keeps any URL a payload carries from appearing in the file as written.
 */
import { createHash } from "node:crypto";
import { type Html, html, raw, text } from "./html-text.ts";

/** `value` as JSON that is safe inside a `<script type="application/json">` block (see the module header). */
export function embeddedJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&/\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function sha256(source: string): string {
  return `'sha256-${createHash("sha256").update(source, "utf8").digest("base64")}'`;
}

/** What a page is made of. */
export interface PageParts {
  readonly title: string;
  readonly style: string;
  /** The page's body markup, built with `html-text.ts`. */
  readonly body: Html;
  /** The page's one script (none: the page needs none). */
  readonly script?: string;
  /** The data the script reads from the element `#eosim-data`. */
  readonly data?: unknown;
}

/** The whole HTML file of a page. */
export function htmlPage(parts: PageParts): string {
  const scriptSrc = parts.script === undefined ? "'none'" : sha256(parts.script);
  const policy = `default-src 'none'; style-src ${sha256(parts.style)}; script-src ${scriptSrc}; img-src data:; base-uri 'none'; form-action 'none'`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${text(policy)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${text(parts.title)}</title>
<style>${raw(parts.style)}</style>
</head>
<body>
${parts.body}
${parts.data === undefined ? raw("") : html`<script type="application/json" id="eosim-data">${raw(embeddedJson(parts.data))}</script>`}
${parts.script === undefined ? raw("") : html`<script>${raw(parts.script)}</script>`}
</body>
</html>
`.toString();
}

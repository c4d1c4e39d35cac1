// Safe by construction: data goes into a page as JSON that cannot end its block, markup built
// on the server escapes every value, and a page loads nothing and runs only its own script.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { failureReportHtml } from "../../../src/report/html/failure-report.ts";
import { embeddedJson, htmlPage } from "../../../src/report/html/html-page.ts";
import { html, raw, text } from "../../../src/report/html/html-text.ts";
import { injectionPayloads } from "../../fixtures/html-injection.scenario.ts";
import { findFailure, injectionScenario } from "../../helpers/reports.ts";

const nasty = { a: "</script><script>alert(1)</script>", b: "<img src=x onerror=alert(1)>", c: "https://example.com/x", d: "a & b \u2028 \u2029 <!-- -->" };

function dataBlock(page: string): string {
  const match = /<script type="application\/json" id="eosim-data">([\s\S]*?)<\/script>/.exec(page);
  if (match === null) throw new Error("no data block");
  return match[1];
}

describe("embeddedJson", () => {
  it("parses back to the same value", () => {
    expect(JSON.parse(embeddedJson(nasty))).toEqual(nasty);
  });

  it("holds no character that could end the block, start markup or spell a URL", () => {
    const json = embeddedJson(nasty);
    expect(json).not.toMatch(/[<>&/\u2028\u2029]/);
    expect(json).not.toContain("https://");
  });
});

describe("html-text", () => {
  it("escapes text and interpolations, keeps eosim's own markup", () => {
    expect(text(`<a href="x" onclick='y'>&`).toString()).toBe("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;");
    const value = "<b>bold</b>";
    expect(html`<p title="${value}">${value}${raw("<br>")}${[value, 1]}</p>`.toString()).toBe("<p title=\"&lt;b&gt;bold&lt;/b&gt;\">&lt;b&gt;bold&lt;/b&gt;<br>&lt;b&gt;bold&lt;/b&gt;1</p>");
  });
});

describe("htmlPage", () => {
  const style = "body { color: red; }";
  const script = "document.title = 'x';";
  const page = htmlPage({ title: "<t>", style, body: html`<main></main>`, script, data: nasty });

  it("allows only its own style and script, by hash, and nothing else", () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page)![1].replace(/&#39;/g, "'");
    const hash = (s: string) => `'sha256-${createHash("sha256").update(s).digest("base64")}'`;
    expect(csp).toBe(`default-src 'none'; style-src ${hash(style)}; script-src ${hash(script)}; img-src data:; base-uri 'none'; form-action 'none'`);
    expect(htmlPage({ title: "t", style, body: html`` }).replace(/&#39;/g, "'")).toContain("script-src 'none'");
  });

  it("escapes its title and embeds its data whole", () => {
    expect(page).toContain("<title>&lt;t&gt;</title>");
    expect(JSON.parse(dataBlock(page))).toEqual(nasty);
  });
});

describe("the failure report of a scenario whose events carry markup", async () => {
  const { scenario, failure } = findFailure(await injectionScenario());
  const page = failureReportHtml(scenario, 1, failure, "reports/repro/html-injection-seed1.json");

  it("holds the payloads only inside its data, escaped", () => {
    for (const payload of injectionPayloads) expect(page).not.toContain(payload);
    const data = dataBlock(page);
    for (const payload of injectionPayloads) expect(data).toContain(embeddedJson(payload).slice(1, -1));
    expect(JSON.stringify(JSON.parse(data))).toContain(injectionPayloads[1].replace(/"/g, '\\"'));
  });

  it("has one script of its own and references nothing outside the file", () => {
    expect(page.match(/<script/g)).toHaveLength(2);
    expect(page).not.toMatch(/<script[^>]*\ssrc=/);
    expect(page).not.toMatch(/https?:\/\//);
    expect(page).not.toMatch(/<link|@import|url\(/);
  });
});

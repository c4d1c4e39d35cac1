// The run report: every scenario with how it ended, the failing ones first, its coverage as
// crash points against fault kinds, and links to failure reports from wherever it is written;
// its Markdown keeps every value text.
import { describe, expect, it } from "vitest";
import { jointLabel } from "../../src/report/coverage.ts";
import { runPageHtml } from "../../src/report/html/run-page.ts";
import { mdCode, mdText, runMarkdown } from "../../src/report/run-markdown.ts";
import { linkFrom, runReportEntryOf, runReportOf } from "../../src/report/run-report.ts";
import { runScenario } from "../../src/run/run-scenario.ts";
import { referenceScenarios } from "../../src/scenario/mutant-scenario.ts";
import { injectionPayloads } from "../fixtures/html-injection.scenario.ts";
import { findFailure, injectionScenario } from "../helpers/reports.ts";

const reference = referenceScenarios()[0];
const passed = runScenario(reference, { seed: 1, runs: 200 });
const injection = findFailure(await injectionScenario());
const failing = { ...injection.result, expect: "pass" as const };
const entries = [
  runReportEntryOf(reference, passed, { repro: null, html: null }),
  runReportEntryOf(injection.scenario, failing, { repro: "reports/repro/html-injection-seed1.json", html: "reports/html/html-injection-seed1.html" }),
];
const report = runReportOf("eosim run --seed 1", 1, entries, "2 scenario(s): 1 met their expectation, 1 did not (seed 1)");

describe("runReportOf", () => {
  it("lists the scenarios that did not meet their expectation first", () => {
    expect(report.ok).toBe(false);
    expect(report.entries.map((e) => [e.name, e.ok])).toEqual([["html-injection", false], [reference.name, true]]);
  });

  it("says how each ended, with its anomalies and replay command", () => {
    const [bad, good] = report.entries;
    expect(good.status).toBe("200 schedules, no failure");
    expect(bad.status).toMatch(/^safety failure after \d+ schedules, shrunk to \d+ intent\(s\)$/);
    expect(bad.anomalies[0]).toMatch(/^exactly-once-state: state-divergence: /);
    expect(bad.replay).toBe("npx eosim replay reports/repro/html-injection-seed1.json");
  });

  it("counts, for each crash point and fault kind, the schedules that reached both", () => {
    const { coverage } = report.entries[1];
    expect(coverage.crashPoints.length).toBeGreaterThan(0);
    coverage.crashPoints.forEach((point, p) => {
      coverage.faultKinds.forEach((kind, k) => {
        expect(coverage.joint[p][k]).toBe(passed.coverage.counts.get(jointLabel(point.name, kind.kind)) ?? 0);
        expect(coverage.joint[p][k]).toBeLessThanOrEqual(Math.min(point.schedules, kind.reached));
      });
    });
    expect(coverage.joint.flat().some((n) => n > 0)).toBe(true);
  });

  it("links to a failure report from the folder the run report is written to", () => {
    expect(linkFrom("reports/run.html", "reports/html/a-seed1.html")).toBe("html/a-seed1.html");
    expect(linkFrom("out/run.md", "reports/html/a-seed1.html")).toBe("../reports/html/a-seed1.html");
    expect(runPageHtml(report, "reports/run.html")).toContain('href="html/html-injection-seed1.html"');
    expect(runMarkdown(report, "out/run.md")).toContain("[failure report](../reports/html/html-injection-seed1.html)");
  });

  it("escapes every value in the page, which runs no script", () => {
    const page = runPageHtml(report, "reports/run.html");
    for (const payload of injectionPayloads) expect(page).not.toContain(payload);
    expect(page).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(page).not.toContain("<script");
    expect(page).not.toMatch(/https?:\/\//);
  });
});

describe("the Markdown summary", () => {
  it("escapes what Markdown would read as syntax and markup", () => {
    expect(mdText("a|b *c* _d_ [e](f) `g` <img src=x> & https://x ~h~")).toBe("a\\|b \\*c\\* \\_d\\_ \\[e\\](f) \\`g\\` &lt;img src=x&gt; &amp; https\\://x \\~h\\~");
    expect(mdText("two\nlines")).toBe("two lines");
  });

  it("puts code in spans no backtick inside can close", () => {
    expect(mdCode("npx eosim replay x.json")).toBe("`npx eosim replay x.json`");
    expect(mdCode("a `b` c")).toBe("``a `b` c``");
    expect(mdCode("x|y")).toBe("`x\\|y`");
  });

  it("has one table row per scenario, each with as many cells as the header, and the payloads as text", () => {
    const md = runMarkdown(report, "reports/run.md");
    const rows = md.split("\n").filter((line) => line.startsWith("| "));
    expect(rows).toHaveLength(3);
    const cells = (line: string) => line.replace(/\\\|/g, "").split("|").length;
    for (const row of rows) expect(cells(row)).toBe(cells(rows[0]));
    expect(md).not.toContain("<img");
    expect(md).not.toContain("</script>");
    expect(md).toContain("#### Failures");
    expect(md).toContain("replay: `npx eosim replay reports/repro/html-injection-seed1.json`");
  });
});

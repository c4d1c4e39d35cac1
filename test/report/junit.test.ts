// JUnit XML by hand: escaping is the whole risk, so it is tested on hostile text.
import { describe, expect, it } from "vitest";
import { escapeXml, junitXml } from "../../src/report/junit.ts";
import { parseXmlElements } from "../cli/xml-well-formed.ts";

describe("escapeXml", () => {
  it("escapes the five entities", () => {
    expect(escapeXml(`a<b>&"c"'d'`)).toBe("a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;");
  });

  it("drops ANSI colour codes and characters XML 1.0 cannot hold, keeps tabs, newlines and non-ASCII", () => {
    expect(escapeXml("\u001b[31mFAIL\u001b[39m\u0000\u0007 x\ty\nz é 🎯")).toBe("FAIL x\ty\nz é 🎯");
  });
});

describe("junitXml", () => {
  const xml = junitXml({
    name: "eosim",
    properties: { seed: 42 },
    cases: [
      { name: "passes", seconds: 1.23456, problem: null },
      { name: "fails", seconds: 2, problem: { kind: "failure", type: "safety", message: "safety failure (seed 42); replay: npx eosim replay r.json", detail: "1. <produce> & retry ]]>" } },
      { name: "throws", seconds: 0, problem: { kind: "error", type: "processor", message: 'processor "p" threw', detail: "boom" }, output: "10 schedules" },
    ],
  });

  it("is well-formed, with one testcase per case and counts on the suite", () => {
    const elements = parseXmlElements(xml);
    const suite = elements.find((e) => e.name === "testsuite")!;
    expect(suite.attributes).toMatchObject({ name: "eosim", tests: "3", failures: "1", errors: "1" });
    expect(elements.filter((e) => e.name === "testcase").map((e) => [e.attributes.classname, e.attributes.name])).toEqual([
      ["eosim", "passes"], ["eosim", "fails"], ["eosim", "throws"],
    ]);
    expect(elements.find((e) => e.name === "property")!.attributes).toEqual({ name: "seed", value: "42" });
  });

  it("carries the message with seed and replay command, and escapes the detail", () => {
    expect(xml).toContain('<failure type="safety" message="safety failure (seed 42); replay: npx eosim replay r.json">1. &lt;produce&gt; &amp; retry ]]&gt;</failure>');
    expect(xml).toContain('<error type="processor" message="processor &quot;p&quot; threw">boom</error>');
    expect(xml).toContain('time="1.235"');
  });
});

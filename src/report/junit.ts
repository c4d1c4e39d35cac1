/**
 * JUnit XML for CI systems (GitHub, GitLab, Jenkins read it): one `<testsuite name="eosim">`
 * with one `<testcase classname="eosim" name="<scenario>">` per scenario. Names never carry
 * the seed, so a scenario keeps its identity (history, flakiness tracking) across runs; the
 * seed is a suite property and part of every failure message, with the replay command.
 *
 * Written by hand: the format is four elements, and escaping is the one thing to get right
 * (the five XML entities, and characters XML 1.0 cannot hold at all, such as ANSI colour
 * escapes, are dropped).
 */
import { writeFileAtomic } from "./write-file-atomic.ts";

/**
 * Why a test case did not pass: a `<failure>` (expectation not met), an `<error>` (it could not
 * run), or `<skipped>` (the run was stopped before it, or during it).
 */
export interface JUnitProblem {
  readonly kind: "failure" | "error" | "skipped";
  /** Short category, e.g. "safety", "liveness", "processor". */
  readonly type: string;
  /** One line: what failed, the seed and the replay command. */
  readonly message: string;
  /** The full account (shrunk schedule, anomalies, repro path). */
  readonly detail: string;
}

/** One test case: a scenario. */
export interface JUnitCase {
  readonly name: string;
  readonly seconds: number;
  readonly problem: JUnitProblem | null;
  /** What the scenario printed (status, coverage), kept as system-out. */
  readonly output?: string;
}

/** A suite of test cases with its properties (e.g. the seed). */
export interface JUnitSuite {
  readonly name: string;
  readonly properties: Readonly<Record<string, string | number>>;
  readonly cases: readonly JUnitCase[];
}

const notXml = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ansi = /\u001b\[[0-9;]*m/g;

/** Escape text for XML content or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text
    .replace(ansi, "")
    .replace(notXml, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

const seconds = (s: number) => (Math.round(s * 1000) / 1000).toFixed(3);

function caseXml(suite: string, c: JUnitCase): string {
  const open = `    <testcase classname="${escapeXml(suite)}" name="${escapeXml(c.name)}" time="${seconds(c.seconds)}"`;
  const body: string[] = [];
  if (c.problem !== null) {
    const { kind, type, message, detail } = c.problem;
    body.push(`      <${kind} type="${escapeXml(type)}" message="${escapeXml(message)}">${escapeXml(detail)}</${kind}>`);
  }
  if (c.output !== undefined && c.output !== "") body.push(`      <system-out>${escapeXml(c.output)}</system-out>`);
  return body.length === 0 ? `${open}/>` : [`${open}>`, ...body, "    </testcase>"].join("\n");
}

/** The JUnit XML document of `suite`. */
export function junitXml(suite: JUnitSuite): string {
  const count = (kind: JUnitProblem["kind"]) => suite.cases.filter((c) => c.problem?.kind === kind).length;
  const total = seconds(suite.cases.reduce((sum, c) => sum + c.seconds, 0));
  const counts = `tests="${suite.cases.length}" failures="${count("failure")}" errors="${count("error")}"`;
  const skipped = `skipped="${count("skipped")}"`;
  const name = escapeXml(suite.name);
  const properties = Object.entries(suite.properties).map(([k, v]) => `      <property name="${escapeXml(k)}" value="${escapeXml(String(v))}"/>`);
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="${name}" ${counts} ${skipped} time="${total}">`,
    `  <testsuite name="${name}" ${counts} ${skipped} time="${total}">`,
    ...(properties.length === 0 ? [] : ["    <properties>", ...properties, "    </properties>"]),
    ...suite.cases.map((c) => caseXml(suite.name, c)),
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}

/** Write `suite` as JUnit XML to `path`, creating folders, whole or not at all (`write-file-atomic.ts`). */
export function writeJUnit(path: string, suite: JUnitSuite): void {
  writeFileAtomic(path, junitXml(suite));
}

/**
 * The run report as Markdown (`--md FILE`), for a pull-request comment: the summary line, a
 * table of every scenario (failing ones first) with a link to its failure report, then each
 * failure's anomalies and replay command, then the coverage warnings. Every value is escaped
 * as Markdown text (or put in a code span that no backtick in it can close), so an anomaly's
 * detail can neither break the table nor become a link, an image or markup.
 */
import { linkFrom, type RunReport, type RunReportEntry } from "./run-report.ts";

/**
 * `value` as Markdown text within a line: what Markdown reads as syntax there (emphasis, code,
 * links, tables, strikethrough, autolinked URLs) backslash-escaped, markup characters as
 * entities, newlines as spaces. Line-start syntax (lists, headings) cannot apply: every use
 * follows a prefix of eosim's own.
 */
export function mdText(value: string): string {
  return value
    .replace(/\r?\n/g, " ")
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/:\/\//g, "\\://")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/** `value` as a code span: fenced with more backticks than it holds in a row, on one line, pipes escaped for tables. */
export function mdCode(value: string): string {
  const line = value.replace(/\r?\n/g, " ");
  const longest = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const padded = line.startsWith("`") || line.endsWith("`") ? ` ${line} ` : line;
  return `${fence}${padded.replace(/\|/g, "\\|")}${fence}`;
}

/** A relative link as a Markdown link target: percent-encoded, parentheses and spaces too. */
function mdUrl(path: string): string {
  return encodeURI(path).replace(/\(/g, "%28").replace(/\)/g, "%29");
}

function row(entry: RunReportEntry, from: string): string {
  const report = entry.html === null ? "" : `[failure report](${mdUrl(linkFrom(from, entry.html))})`;
  const name = entry.role === null ? mdText(entry.name) : `${mdText(entry.name)} (${mdText(entry.role)})`;
  return `| ${entry.ok ? "ok" : "**FAIL**"} | ${name} | ${entry.expect} | ${entry.runs} | ${entry.seconds.toFixed(2)} s | ${mdText(entry.status)} | ${report} |`;
}

function failureBlock(entry: RunReportEntry, from: string): string[] {
  if (entry.anomalies.length === 0 && entry.replay === null) return [];
  const lines = [`**${mdText(entry.name)}**: ${mdText(entry.status)}`, ""];
  for (const anomaly of entry.anomalies) lines.push(`- ${mdText(anomaly)}`);
  if (entry.replay !== null) lines.push("", `replay: ${mdCode(entry.replay)}`);
  if (entry.html !== null) lines.push("", `report: [${mdText(entry.html)}](${mdUrl(linkFrom(from, entry.html))})`);
  lines.push("");
  return lines;
}

/** The run report as Markdown, to be written to `from` (its links are relative to it). */
export function runMarkdown(report: RunReport, from: string): string {
  const lines = [
    `### ${report.ok ? "ok" : "FAIL"}: ${mdCode(report.command)}`,
    "",
    `Summary: ${mdText(report.summary)}`,
    "",
    "| | scenario | expect | schedules | time | result | report |",
    "|---|---|---|---:|---:|---|---|",
    ...report.entries.map((entry) => row(entry, from)),
    "",
  ];
  const found = report.entries.flatMap((entry) => failureBlock(entry, from));
  if (found.length > 0) lines.push("#### Failures", "", ...found);
  const warnings = report.entries.flatMap((e) => e.warnings.map((w) => `- ${mdText(e.name)}: ${mdText(w)}`));
  if (warnings.length > 0) lines.push("#### Coverage warnings", "", ...warnings, "");
  return `${lines.join("\n")}\n`;
}

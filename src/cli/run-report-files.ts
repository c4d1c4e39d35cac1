/**
 * `--html FILE` and `--md FILE` of `eosim run` and `eosim mutants`: the run report as an HTML
 * page and as Markdown (`report/run-report.ts`). The paths are checked before the first
 * scenario runs, like `--junit`'s (an empty path, two flags naming one file, a file that
 * cannot be written are bad input, exit 2). Written at the end, a report that cannot be
 * written after all never costs the run's verdict: it is a warning on stderr, and a run that
 * would have passed exits 2 instead, so CI never passes without the report it asked for.
 */
import { resolve } from "node:path";
import { thrownMessage } from "../core/one-line.ts";
import { checkWritable } from "../report/check-writable.ts";
import { runPageHtml } from "../report/html/run-page.ts";
import { runMarkdown } from "../report/run-markdown.ts";
import type { RunReport } from "../report/run-report.ts";
import { writeFileAtomic } from "../report/write-file-atomic.ts";
import { BadInputError } from "../scenario/bad-input.ts";
import { ExitCode } from "./exit-codes.ts";

/** The flags. */
export const runReportFlags = { html: { type: "string" }, md: { type: "string" } } as const;

/** Where the run report goes (each undefined when not asked for). */
export interface RunReportFiles {
  readonly html: string | undefined;
  readonly md: string | undefined;
}

const examples: Record<string, string> = { html: "reports/run.html", md: "reports/run.md", junit: "reports/junit.xml" };

/** Check the report flags of `values` (with `--junit`, which must not name the same file); throws {@link BadInputError}. */
export function runReportFilesOf(values: { readonly html?: string; readonly md?: string; readonly junit?: string }): RunReportFiles {
  const given = (["html", "md", "junit"] as const).filter((flag) => values[flag] !== undefined);
  for (const flag of given) {
    if (values[flag]!.trim() === "") throw new BadInputError(`--${flag} needs a file path, e.g. --${flag} ${examples[flag]}`);
  }
  for (let i = 0; i < given.length; i++) {
    for (let j = i + 1; j < given.length; j++) {
      if (resolve(values[given[i]]!) === resolve(values[given[j]]!)) throw new BadInputError(`--${given[i]} and --${given[j]} name the same file (${values[given[i]]})`);
    }
  }
  if (values.html !== undefined) checkWritable(values.html, "--html");
  if (values.md !== undefined) checkWritable(values.md, "--md");
  return { html: values.html, md: values.md };
}

/** Whether a run report is asked for. */
export function wantsRunReport(files: RunReportFiles): boolean {
  return files.html !== undefined || files.md !== undefined;
}

/**
 * Write the report to the files asked for; returns the exit code to end with: `code`, or 2
 * for a run that would have passed when a file could not be written (each such file is a
 * warning on stderr).
 */
export function writeRunReports(files: RunReportFiles, report: RunReport, code: ExitCode): ExitCode {
  let failed = false;
  for (const [flag, path, render] of [["html", files.html, runPageHtml], ["md", files.md, runMarkdown]] as const) {
    if (path === undefined) continue;
    try {
      writeFileAtomic(path, render(report, path));
    } catch (error) {
      failed = true;
      console.error(`eosim: --${flag}: cannot write ${path} (${thrownMessage(error).split("\n")[0]})`);
    }
  }
  return failed && code === ExitCode.ok ? ExitCode.badInput : code;
}

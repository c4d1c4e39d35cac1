#!/usr/bin/env node
// The mutation score that issue-style targets speak of: killed mutants over the mutants that
// are not equivalent for the exactly-once property. Stryker's own report counts every
// survivor against the score; this script reads its JSON reports and the reviewed list of
// equivalent survivors (equivalents.json, each with the reason it cannot change an
// exactly-once outcome) and prints, per file, the raw and the adjusted score.
//
//   node scripts/mutation/score.mjs [--list] [--equivalents FILE] [report.json ...]
//
// Without reports it reads reports/mutation/mutation.json and mutation-sqlite.json (the two
// configs `npm run mutation` runs). --list also prints every survivor not judged equivalent:
// the open gaps. An equivalent entry matches a mutant by file, mutator, replacement and the
// text of the mutated line, so entries survive edits elsewhere in the file; an entry that
// matches no survivor is reported as stale.
import fs from "node:fs";
import path from "node:path";

const args = process.argv.slice(2);
const list = args.includes("--list");
const at = args.indexOf("--equivalents");
if (at >= 0 && args[at + 1] === undefined) {
  console.error("error: --equivalents needs a file");
  process.exit(2);
}
const equivalentsFile = at >= 0 ? args[at + 1] : path.join(path.dirname(new URL(import.meta.url).pathname), "equivalents.json");
const given = args.filter((a, i) => a !== "--list" && (at < 0 || (i !== at && i !== at + 1)));
const reports = given.length > 0 ? given : ["reports/mutation/mutation.json", "reports/mutation/mutation-sqlite.json"].filter((f) => fs.existsSync(f));
if (reports.length === 0) {
  console.error("error: no mutation report found (run `npm run mutation` first, or name a report)");
  process.exit(2);
}
for (const report of reports) {
  if (!fs.existsSync(report)) {
    console.error(`error: ${report}: no such mutation report`);
    process.exit(2);
  }
}
const { reasons, mutants: equivalents } = JSON.parse(fs.readFileSync(equivalentsFile, "utf8"));
const keyOf = (file, mutator, replacement, line) => `${file}|${mutator}|${replacement}|${line.trim()}`;
const equivalent = new Map(equivalents.map((e) => [keyOf(e.file, e.mutator, e.replacement, e.line), e]));
for (const e of equivalents) {
  if (!(e.reason in reasons)) {
    console.error(`error: ${equivalentsFile}: unknown reason "${e.reason}" (for ${e.file}: ${e.line})`);
    process.exit(2);
  }
}

const killedStatuses = new Set(["Killed", "Timeout"]);
const survivedStatuses = new Set(["Survived", "NoCoverage"]);
const rows = new Map();
const used = new Set();
const gaps = [];
// A file mutated by more than one report counts once, as the last report judged it (each
// config owns its files; an older main report may still hold the SQLite files).
const judged = new Map();
for (const report of reports) for (const [file, result] of Object.entries(JSON.parse(fs.readFileSync(report, "utf8")).files)) judged.set(file, result);
{
  for (const [file, { source, mutants }] of judged) {
    const lines = source.split("\n");
    const row = rows.get(file) ?? { mutants: 0, killed: 0, equivalent: 0, survived: 0 };
    rows.set(file, row);
    for (const m of mutants) {
      if (killedStatuses.has(m.status)) (row.mutants++, row.killed++);
      else if (survivedStatuses.has(m.status)) {
        row.mutants++;
        const key = keyOf(file, m.mutatorName, m.replacement ?? "", lines[m.location.start.line - 1] ?? "");
        if (equivalent.has(key)) (row.equivalent++, used.add(key));
        else (row.survived++, gaps.push(`${file}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName} ${JSON.stringify(m.replacement ?? "")}`));
      }
    }
  }
}
const pct = (k, n) => (n === 0 ? "  n/a" : `${((100 * k) / n).toFixed(1)}%`.padStart(6));
console.log("file                                       mutants  killed  equiv  gaps    raw  adjusted");
const total = { mutants: 0, killed: 0, equivalent: 0, survived: 0 };
for (const [file, r] of [...rows].sort()) {
  for (const k of Object.keys(total)) total[k] += r[k];
  console.log(`${file.padEnd(42)} ${String(r.mutants).padStart(7)} ${String(r.killed).padStart(7)} ${String(r.equivalent).padStart(6)} ${String(r.survived).padStart(5)} ${pct(r.killed, r.mutants)} ${pct(r.killed, r.mutants - r.equivalent).padStart(9)}`);
}
console.log(`${"all files".padEnd(42)} ${String(total.mutants).padStart(7)} ${String(total.killed).padStart(7)} ${String(total.equivalent).padStart(6)} ${String(total.survived).padStart(5)} ${pct(total.killed, total.mutants)} ${pct(total.killed, total.mutants - total.equivalent).padStart(9)}`);
// Only entries of files these reports judged can be stale.
const stale = [...equivalent].filter(([k, e]) => judged.has(e.file) && !used.has(k));
if (stale.length > 0) console.log(`${stale.length} equivalents.json entries match no survivor (the code changed, or the mutant is now killed): review them`);
if (list) for (const g of gaps) console.log(`gap: ${g}`);

/**
 * The run report's HTML file (`report/run-report.ts`): a table of every scenario, the ones
 * that did not meet their expectation first, each linking to its section; a section per
 * scenario with its status, anomalies, failure report, replay command, warnings and coverage
 * table (crash points against fault kinds). Rendered on the server with every value escaped
 * (`html-text.ts`); the page runs no script at all.
 */
import { type CoverageTable, linkFrom, type RunReport, type RunReportEntry } from "../run-report.ts";
import { htmlPage } from "./html-page.ts";
import { type Html, html } from "./html-text.ts";
import { baseStyle } from "./page-style.ts";

const runStyle = `${baseStyle}
section.scenario { border-top: 1px solid var(--line); margin-top: 14px; }
section.scenario h2 { margin-bottom: 4px; }
.matrix th { font-weight: 600; } .matrix td.num { min-width: 3.2em; } .matrix th.kind { writing-mode: vertical-rl; transform: rotate(180deg); font-size: 12px; }
ul.tight { margin: 4px 0; padding-left: 20px; } ul.tight li { overflow-wrap: anywhere; }
`;

function percent(share: number | null): string {
  return share === null ? "-" : `${(share * 100).toFixed(share < 0.01 && share > 0 ? 2 : 1)}%`;
}

function numberCell(n: number, thin = false, zero = "num zero"): Html {
  return html`<td class="${n === 0 ? zero : thin ? "num thin" : "num"}">${n}</td>`;
}

function coverageTable(table: CoverageTable): Html {
  if (table.faultKinds.length === 0) return html`<p class="muted">No fault kind enabled.</p>`;
  const head = html`<tr><th>crash point \\ fault kind</th>${table.faultKinds.map((f) => html`<th class="kind">${f.kind}</th>`)}<th>schedules</th><th>share</th></tr>`;
  const rows = table.crashPoints.map((point, p) => html`<tr><th>${point.name}</th>${table.joint[p].map((n) => numberCell(n, false, "num muted"))}${numberCell(point.schedules, point.share !== null && point.share < 0.01)}<td class="num">${percent(point.share)}</td></tr>`);
  const reached = html`<tr><th>schedules it bit in</th>${table.faultKinds.map((f) => numberCell(f.reached))}<td></td><td></td></tr>`;
  const effect = html`<tr><th>share of those weighting it</th>${table.faultKinds.map((f) => html`<td class="${f.share !== null && f.share < 0.01 ? "num thin" : "num"}" title="${`${f.effective} of ${f.weighted}`}">${percent(f.share)}</td>`)}<td></td><td></td></tr>`;
  const none = table.crashPoints.length === 0 ? html`<p class="muted">No crash point: the crash fault is not enabled.</p>` : html``;
  const notAwaited = table.crashPointsNotAwaited.length === 0 ? html`` : html`<p class="muted">Crash points the service never stood at (it has no such await): ${table.crashPointsNotAwaited.join(", ")}.</p>`;
  return html`<table class="plain matrix">${head}${rows}${reached}${effect}</table>${none}${notAwaited}`;
}

function statusMark(entry: RunReportEntry): Html {
  return entry.ok ? html`<span class="badge status-ok">ok</span>` : html`<span class="badge status-failed">FAIL</span>`;
}

function anchorOf(index: number): string {
  return `scenario-${index}`;
}

function summaryRow(entry: RunReportEntry, index: number, from: string): Html {
  const report = entry.html === null ? html`<span class="muted">-</span>` : html`<a href="${linkFrom(from, entry.html)}">failure report</a>`;
  return html`<tr><td>${statusMark(entry)}</td><td><a href="#${anchorOf(index)}">${entry.name}</a>${entry.role === null ? "" : html` <span class="muted">${entry.role}</span>`}</td><td>${entry.expect}</td><td class="num">${entry.runs}</td><td class="num">${entry.seconds.toFixed(2)} s</td><td class="num">${entry.schedulesPerSecond}</td><td>${entry.status}</td><td>${report}</td></tr>`;
}

function section(entry: RunReportEntry, index: number, from: string): Html {
  const anomalies = entry.anomalies.length === 0 ? html`` : html`<ul class="tight mono">${entry.anomalies.map((a) => html`<li>${a}</li>`)}</ul>`;
  const files = [
    entry.html === null ? null : html`<div>failure report: <a href="${linkFrom(from, entry.html)}">${entry.html}</a></div>`,
    entry.replay === null ? null : html`<div>replay: <code>${entry.replay}</code></div>`,
  ];
  const warnings = entry.warnings.length === 0 ? html`` : html`<ul class="tight">${entry.warnings.map((w) => html`<li class="warning">${w}</li>`)}</ul>`;
  return html`<section class="scenario" id="${anchorOf(index)}">
<h2>${statusMark(entry)} ${entry.name}</h2>
<div class="${entry.ok ? "muted" : "status-failed"}">${entry.status}</div>
${entry.hazard === null ? "" : html`<div class="muted">hazard: ${entry.hazard}</div>`}
${anomalies}${files}${warnings}
<details${entry.ok ? "" : html` open`}><summary>coverage: ${entry.runs} schedules, ${entry.warnings.length} warning(s)</summary>${coverageTable(entry.coverage)}</details>
</section>`;
}

/** The run report as one self-contained HTML file, to be written to `from` (its links are relative to it). */
export function runPageHtml(report: RunReport, from: string): string {
  const body = html`<header><h1>${report.ok ? html`<span class="status-ok">ok</span>` : html`<span class="status-failed">FAIL</span>`} ${report.command}</h1><div class="muted">${report.summary}</div></header>
<main>
<h2>Scenarios</h2>
<table class="plain"><tr><th></th><th>scenario</th><th>expect</th><th>schedules</th><th>time</th><th>schedules/s</th><th>result</th><th>report</th></tr>
${report.entries.map((entry, i) => summaryRow(entry, i, from))}
</table>
${report.entries.map((entry, i) => section(entry, i, from))}
</main>`;
  return htmlPage({ title: report.command, style: runStyle, body });
}

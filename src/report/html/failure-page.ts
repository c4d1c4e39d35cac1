/**
 * The failure report's HTML file: the page's frame (which holds no data), its stylesheet, its
 * one script (three parts run as one function, so nothing leaks into the page's globals) and
 * the report's data embedded as JSON (`html-page.ts`). Everything the page shows comes from
 * the data and is put on the page as text by the script.
 */
import type { FailureReportData } from "./failure-report-data.ts";
import { htmlPage } from "./html-page.ts";
import { raw } from "./html-text.ts";
import { pageScriptBase } from "./page-script-base.ts";
import { pageScriptDetails } from "./page-script-details.ts";
import { pageScriptTimeline } from "./page-script-timeline.ts";
import { failureStyle } from "./page-style.ts";

/** The page's script. */
export const failurePageScript = `(function () {\n${pageScriptBase}${pageScriptTimeline}${pageScriptDetails}})();\n`;

const frame = raw(`<header id="head"></header>
<noscript><p>This report draws itself with JavaScript: allow scripts for this file to see it.</p></noscript>
<main>
<div class="layout">
<div id="report">
<section id="verdict"></section>
<section id="schedule"></section>
<section id="timeline-section">
<h2>Timeline</h2>
<div id="toolbar" class="toolbar"></div>
<div id="timeline"></div>
<pre id="text-view" hidden></pre>
<div id="omitted" class="omitted"></div>
</section>
</div>
<aside id="details"><h3>Details</h3><p class="muted">Click a step or an event of the timeline to see it here: what happened, the records written or read, the store's state before and after, the offsets.</p></aside>
</div>
</main>`);

/** The failure report of `data` as one self-contained HTML file. */
export function failurePageHtml(data: FailureReportData): string {
  return htmlPage({ title: `eosim: ${data.scenario} (seed ${data.seed})`, style: failureStyle, body: frame, script: failurePageScript, data });
}

// eosim's HTML reports in a real browser: the failure report of a planted bug (a zombie's
// writes after it was replaced), the report of a scenario whose events carry markup, and a
// run report, opened offline in headless Chromium. Skipped (with the reason in its name)
// where there is no Chromium, failing instead under EOSIM_REQUIRE_BROWSER=1.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failureReportHtml, failureReportOf, failureReportPathFor } from "../../src/report/html/failure-report.ts";
import { runPageHtml } from "../../src/report/html/run-page.ts";
import { runReportEntryOf, runReportOf } from "../../src/report/run-report.ts";
import { injectionPayloads } from "../fixtures/html-injection.scenario.ts";
import { findFailure, injectionScenario, plantedBug } from "../helpers/reports.ts";
import { browserRequired, chromiumFound, launchChromium, skipReason } from "./chromium.ts";

const shots = fileURLToPath(new URL("../../reports/browser/", import.meta.url));
const found = chromiumFound();

/** A page with everything it does that a report must not do written down. */
interface Watched {
  readonly page: Page;
  readonly errors: string[];
  readonly requests: string[];
  readonly dialogs: string[];
}

async function open(context: BrowserContext, file: string, hash = ""): Promise<Watched> {
  const page = await context.newPage();
  const watched: Watched = { page, errors: [], requests: [], dialogs: [] };
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") watched.errors.push(message.text());
  });
  page.on("pageerror", (error) => watched.errors.push(error.message));
  page.on("dialog", (dialog) => {
    watched.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const url = pathToFileURL(file).href;
  page.on("request", (request) => {
    if (request.url() !== url + hash) watched.requests.push(request.url());
  });
  await page.goto(url + hash);
  await page.waitForLoadState("load");
  return watched;
}

/** Evaluate `js` in the page (a string: the suite is type-checked without the DOM's types). */
function inPage<T>(page: Page, js: string): Promise<T> {
  return page.evaluate(js) as Promise<T>;
}

function expectQuiet(watched: Watched): void {
  expect(watched.errors).toEqual([]);
  expect(watched.requests).toEqual([]);
  expect(watched.dialogs).toEqual([]);
}

// A skip the default reporter names only by count: say why, once, in the suite's output.
if (!found && !browserRequired) console.warn(`browser suite skipped: ${skipReason}`);

if (!found && browserRequired) {
  describe("reports in a browser", () => {
    it("needs Chromium (EOSIM_REQUIRE_BROWSER=1)", () => {
      throw new Error(`EOSIM_REQUIRE_BROWSER=1, but ${skipReason}`);
    });
  });
}

describe.skipIf(!found)(found ? "reports in a browser" : `reports in a browser (skipped: ${skipReason})`, () => {
  const dir = mkdtempSync(join(tmpdir(), "eosim-browser-"));
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  const files = { zombie: "", injection: "", run: "" };
  let zombieData: ReturnType<typeof failureReportOf>;

  beforeAll(async () => {
    const zombie = findFailure(plantedBug("no-fencing"));
    const injection = findFailure(await injectionScenario());
    zombieData = failureReportOf(zombie.scenario, 1, zombie.failure, "reports/repro/mutant-no-fencing-seed1.json");
    files.zombie = failureReportPathFor(dir, zombie.scenario.name, 1);
    files.injection = failureReportPathFor(dir, injection.scenario.name, 1);
    mkdirSync(join(dir, "html"), { recursive: true });
    writeFileSync(files.zombie, failureReportHtml(zombie.scenario, 1, zombie.failure, "reports/repro/mutant-no-fencing-seed1.json"));
    writeFileSync(files.injection, failureReportHtml(injection.scenario, 1, injection.failure, "reports/repro/html-injection-seed1.json"));
    files.run = join(dir, "run.html");
    const entries = [
      runReportEntryOf(injection.scenario, injection.result, { repro: null, html: files.injection }),
      runReportEntryOf(zombie.scenario, { ...zombie.result, expect: "pass" }, { repro: "reports/repro/mutant-no-fencing-seed1.json", html: files.zombie }),
    ];
    writeFileSync(files.run, runPageHtml(runReportOf("eosim run --seed 1", 1, entries, "2 scenario(s): 1 met their expectation, 1 did not (seed 1)"), files.run));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("shows a planted bug's failing checker and anomaly, offline and without errors", async () => {
    const watched = await open(browser.context, files.zombie);
    const verdict = watched.page.locator("#verdict");
    const anomaly = zombieData.anomalies[0];
    await expect.poll(() => verdict.innerText()).toContain(`${anomaly.checker}`);
    expect(await verdict.innerText()).toContain(`${anomaly.kind}: ${anomaly.detail}`);
    expect(await watched.page.locator("#verdict .badge.status-failed").first().innerText()).toBe("FAILED");
    expect(await watched.page.locator("#replay-command").innerText()).toBe("npx eosim replay reports/repro/mutant-no-fencing-seed1.json");
    // Every intent has its row; the start, the heal and drain steps only when something happened in them.
    expect(await watched.page.locator("#timeline .tl-row").count()).toBe(zombieData.rows.filter((r) => r.kind === "intent" || r.events.length > 0).length);
    mkdirSync(shots, { recursive: true });
    await watched.page.screenshot({ path: join(shots, "failure-report.png") });
    expectQuiet(watched);
  });

  it("scrolls to and highlights an anomaly's step when it is clicked, and shows the event", async () => {
    const watched = await open(browser.context, files.zombie);
    const anomaly = zombieData.anomalies[0];
    expect(anomaly.event).not.toBeNull();
    await watched.page.locator("#verdict a.anomaly").first().click();
    const box = watched.page.locator(`#ev-${anomaly.event}`);
    const step = watched.page.locator(`#${zombieData.rows[anomaly.row!].anchor}`);
    await expect.poll(() => box.getAttribute("class")).toContain("target");
    expect(await step.getAttribute("class")).toContain("target-row");
    expect(await box.isVisible()).toBe(true);
    const inView = await inPage<boolean>(watched.page, `(() => {
      const r = document.getElementById("ev-${anomaly.event}").getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth;
    })()`);
    expect(inView).toBe(true);
    expect(watched.page.url()).toMatch(new RegExp(`#ev-${anomaly.event}$`));
    expect(await watched.page.locator("#details").innerText()).toContain(zombieData.events[anomaly.event!].text);
    await watched.page.screenshot({ path: join(shots, "failure-report-anomaly.png") });
    expectQuiet(watched);
  });

  it("a filter by instance hides the other instances' lanes and events", async () => {
    const watched = await open(browser.context, files.zombie);
    const lanes = () => watched.page.locator("#timeline .tl-head > div").allInnerTexts();
    expect(await lanes()).toEqual(expect.arrayContaining(["instance 0", "instance 1", "instance 2"]));
    await watched.page.selectOption("#filter-instance", "1");
    expect(await lanes()).toContain("instance 1");
    expect(await lanes()).not.toContain("instance 0");
    expect(await lanes()).not.toContain("instance 2");
    const others = zombieData.events.filter((e) => e.instance !== null && e.instance !== 1);
    const mine = zombieData.events.filter((e) => e.instance === 1);
    expect(others.length).toBeGreaterThan(0);
    for (const e of others) expect(await watched.page.locator(`#ev-${e.id}`).count()).toBe(0);
    for (const e of mine) expect(await watched.page.locator(`#ev-${e.id}`).count()).toBe(1);
    await watched.page.selectOption("#filter-instance", "");
    for (const e of others) expect(await watched.page.locator(`#ev-${e.id}`).count()).toBe(1);
    expectQuiet(watched);
  });

  it("shows markup from events, state and outputs as text, and runs none of it", async () => {
    const watched = await open(browser.context, files.injection);
    const page = watched.page;
    await expect.poll(() => page.locator("#verdict").innerText()).toContain(injectionPayloads[0]);
    const before = await inPage<{ images: number; scripts: number }>(page, "({ images: document.images.length, scripts: document.scripts.length })");
    expect(before.images).toBe(0);
    expect(before.scripts).toBe(2); // the data block and the page's own script
    // Every step's and event's details, where records, payloads and store states are shown.
    const details = await inPage<string[]>(page, `[...document.querySelectorAll("#timeline .box, #timeline .tl-row")].map((node) => {
      node.click();
      return document.getElementById("details").innerText;
    })`);
    expect(details.length).toBeGreaterThan(5);
    await page.locator("#toggle-view").click();
    const text = `${await page.locator("body").innerText()}\n${details.join("\n")}`;
    for (const payload of injectionPayloads) expect(text).toContain(payload);
    expect(details.some((d) => d.includes(injectionPayloads[1]) && d.includes("state before"))).toBe(false); // "before this step" is the heading
    expect(details.some((d) => d.includes(injectionPayloads[1]) && d.includes("after this step"))).toBe(true);
    await page.waitForTimeout(200); // an image's error handler would have run by now
    const after = await inPage<{ images: number; scripts: number; injected: number }>(page, `({ images: document.images.length, scripts: document.scripts.length, injected: document.querySelectorAll("img, script:not(#eosim-data), iframe, object, embed").length })`);
    expect(after.images).toBe(0);
    expect(after.scripts).toBe(2);
    expect(after.injected).toBe(1); // only the page's own script
    expectQuiet(watched);
  });

  it("shows the run report with the failing scenario first and links to its failure report", async () => {
    const watched = await open(browser.context, files.run);
    const page = watched.page;
    const rows = await page.locator("table.plain").first().locator("tr").allInnerTexts();
    expect(rows[1]).toContain("FAIL");
    expect(rows[1]).toContain("mutant-no-fencing");
    expect(await inPage<number>(page, "document.scripts.length")).toBe(0);
    expect(await page.locator("table.matrix").count()).toBe(2);
    await page.screenshot({ path: join(shots, "run-report.png"), fullPage: true });
    await page.locator("table.plain a", { hasText: "failure report" }).first().click();
    await page.waitForLoadState("load");
    expect(page.url()).toBe(pathToFileURL(files.zombie).href);
    await expect.poll(() => page.locator("#verdict").innerText()).toContain("FAILED");
    expect(watched.errors).toEqual([]);
    expect(watched.dialogs).toEqual([]);
    expect(watched.requests.filter((url) => url !== pathToFileURL(files.zombie).href)).toEqual([]);
  });
});

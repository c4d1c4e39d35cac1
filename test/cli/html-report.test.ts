// The CLI's failure reports: every failure `run` finds gets reports/html/<scenario>-seed<S>.html
// beside its repro (in --json as `html`), `replay` writes it beside the repro it replays, and
// a report that cannot be written never costs the failure or its exit code.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { injectionPayloads } from "../fixtures/html-injection.scenario.ts";
import { eosim } from "./run-cli.ts";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const injection = join(root, "test/fixtures/html-injection.scenario.ts");
const broken = join(root, "test/fixtures/own-processor-broken.scenario.ts");
const folder = () => mkdtempSync(join(tmpdir(), "eosim-html-"));

interface Summary {
  readonly name: string;
  readonly repro: string | null;
  readonly replay: string | null;
  readonly html: string | null;
}

function summaryOf(stdout: string): Summary {
  return (JSON.parse(stdout) as { scenarios: Summary[] }).scenarios[0];
}

/** A scenario file in `cwd` that, when loaded (after the checks, before the run), puts a non-empty folder at `path`. */
function blocking(cwd: string, path: string, fixture: string): string {
  const scenario = join(cwd, "blocking.scenario.ts");
  writeFileSync(scenario, `import { mkdirSync, rmSync, writeFileSync } from "node:fs";\nrmSync(${JSON.stringify(path)}, { recursive: true, force: true });\nmkdirSync(${JSON.stringify(path)}, { recursive: true });\nwriteFileSync(${JSON.stringify(path)} + "/x", "");\nexport { default } from ${JSON.stringify(fixture)};\n`);
  return scenario;
}

describe("a failure's HTML report", () => {
  const cwd = folder();
  const run = eosim(["run", injection, "--seed", "1", "--json"], { cwd });
  const summary = summaryOf(run.stdout);

  it("is written next to the repro and named in --json", () => {
    expect(run.code, run.stderr).toBe(0);
    expect(summary.repro).toBe("reports/repro/html-injection-seed1.json");
    expect(summary.html).toBe("reports/html/html-injection-seed1.html");
    expect(existsSync(join(cwd, summary.html!))).toBe(true);
  });

  it("is one file that references nothing outside it and holds the payloads only as escaped data", () => {
    const page = readFileSync(join(cwd, summary.html!), "utf8");
    expect(page).not.toMatch(/https?:\/\//);
    expect(page).not.toMatch(/<script[^>]*\ssrc/);
    for (const payload of injectionPayloads) expect(page).not.toContain(payload);
    expect(page).toContain("\\u003cimg src=x onerror=alert(1)\\u003e");
  });

  it("is printed beside the replay command", () => {
    const text = eosim(["run", injection, "--seed", "1"], { cwd });
    expect(text.stdout).toContain("  replay: npx eosim replay reports/repro/html-injection-seed1.json\n  html: reports/html/html-injection-seed1.html\n");
  });

  it("is written by a replay beside the repro it replays", () => {
    // A repro names its scenario file inside the project: record one from the project's root.
    const recorded = summaryOf(eosim(["run", "test/fixtures/html-injection.scenario.ts", "--seed", "1", "--json"], { cwd: root }).stdout);
    const other = folder();
    mkdirSync(join(other, "ci", "repro"), { recursive: true });
    writeFileSync(join(other, "ci", "repro", "r.json"), readFileSync(join(root, recorded.repro!)));
    const replay = eosim(["replay", join(other, "ci", "repro", "r.json")], { cwd: root });
    expect(replay.code).toBe(1);
    const html = join(other, "ci", "html", "html-injection-seed1.html");
    expect(replay.stdout).toContain(`html: ${html}\nverdict: fails\n`);
    expect(readFileSync(html, "utf8")).toContain("\"scenario\":\"html-injection\"");
    // A repro kept outside a repro/ folder gets its report next to it.
    writeFileSync(join(other, "kept.json"), readFileSync(join(root, recorded.repro!)));
    expect(eosim(["replay", join(other, "kept.json")], { cwd: root }).stdout).toContain(`html: ${join(other, "html-injection-seed1.html")}\n`);
  });

  it("costs only itself when it cannot be written: the failure is printed and keeps its exit code", () => {
    const blocked = folder();
    const scenario = blocking(blocked, "reports/html/fixture-loyalty-points-no-dedupe-seed1.html", broken);
    const text = eosim(["run", scenario, "--seed", "1"], { cwd: blocked });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("exactly-once-state: FAILED");
    expect(text.stdout).toContain("replay: npx eosim replay reports/repro/fixture-loyalty-points-no-dedupe-seed1.json");
    expect(text.stdout).not.toContain("html: ");
    expect(text.stderr).toMatch(/^eosim: scenario "fixture-loyalty-points-no-dedupe": html: not written \(.+\)$/m);
    const json = eosim(["run", scenario, "--seed", "1", "--json"], { cwd: blocked });
    expect(json.code).toBe(1);
    expect(summaryOf(json.stdout).html).toBeNull();
  });
});

// A scenario's own invariant through the CLI, as a user sees it: a processor that breaks
// "a checkout deletes the cart" fails with the invariant's anomaly, is shrunk, writes a repro
// that `eosim replay` (re-loading the scenario file) reports the same way; a throwing
// invariant is "unknown", never a pass.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ExitCode } from "../../src/cli/exit-codes.ts";
import { eosim } from "./run-cli.ts";

const repro = "reports/repro/fixture-cart-keeps-ordered-seed5.json";

describe("a scenario's own invariant in the CLI", () => {
  it("fails, shrinks and replays with the invariant's anomaly", () => {
    const run = eosim(["run", "test/fixtures/cart-checkout.scenario.ts", "--seed", "5"]);
    expect(run.code).toBe(ExitCode.safety);
    expect(run.stdout).toContain("FAIL fixture-cart-keeps-ordered: safety failure");
    expect(run.stdout).toMatch(/shrunk to 1 intent\(s\):\n +1\. produce checkout cart-\d \{"cart":"cart-\d","kind":"checkout"\} \(producer 0\)\n/);
    expect(run.stdout).toMatch(/\n  checkout-deletes-cart: FAILED\n +checkout-deletes-cart: cart-\d still exists after its checkout \(offset \d+\): \{"items":0,"status":"ordered"\}\n/);
    // The built-in checkers pass: the model folds the same (wrong) logic.
    expect(run.stdout).not.toContain("exactly-once-state: FAILED");
    expect(run.stdout).toMatch(/checkers run: exactly-once-state, .*, liveness, checkout-deletes-cart\n/);
    expect(run.stdout).toContain(`replay: npx eosim replay ${repro}`);
    expect(existsSync(repro)).toBe(true);
    expect(JSON.parse(readFileSync(repro, "utf8"))).toMatchObject({ scenarioFile: "test/fixtures/cart-checkout.scenario.ts", failure: "safety", anomalies: ["checkout-deletes-cart"] });

    const replay = eosim(["replay", repro]);
    expect(replay.code).toBe(ExitCode.safety);
    expect(replay.stdout).toMatch(/\ncheckout-deletes-cart: FAILED\n +checkout-deletes-cart: cart-\d still exists after its checkout/);
    expect(replay.stdout).toContain("recorded history: identical");
    expect(replay.stdout).toContain("verdict: fails");
  });

  it("gives the invariant's anomalies in --json, and passes the correct processor", () => {
    const run = eosim(["run", "test/fixtures/cart-checkout.scenario.ts", "test/fixtures/cart-checkout-correct.scenario.ts", "--seed", "5", "--json"]);
    expect(run.code).toBe(ExitCode.safety);
    const [broken, correct] = JSON.parse(run.stdout).scenarios;
    expect(broken).toMatchObject({ name: "fixture-cart-keeps-ordered", ok: false, failure: "safety", anomalies: ["checkout-deletes-cart"], shrunkIntents: 1 });
    const verdict = broken.checkers.find((c: { checker: string }) => c.checker === "checkout-deletes-cart");
    expect(verdict).toMatchObject({ valid: false, anomalies: [{ kind: "checkout-deletes-cart", partition: expect.any(Number), key: expect.stringMatching(/^cart-\d$/) }] });
    expect(correct).toMatchObject({ name: "fixture-cart", ok: true, failures: 0, runs: 100 });
  });

  it("a throwing invariant is unknown, exits as a failure, with one line naming it", () => {
    const run = eosim(["run", "test/fixtures/invariant-throws.scenario.ts", "--seed", "5"]);
    expect(run.code).toBe(ExitCode.safety);
    expect(run.stdout).toContain("FAIL fixture-invariant-throws: unknown failure");
    expect(run.stdout).toMatch(/\n  balance-audit: unknown\n    checker-error: checker balance-audit threw: audit service unavailable\n/);
    expect(run.stdout).not.toMatch(/^ok /m);
  });
});

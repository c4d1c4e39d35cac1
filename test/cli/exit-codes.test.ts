// Every exit code a CI script can see, each shown by a real CLI call on a scenario file
// outside scenarios/ (test/fixtures/), with a processor defined in the file itself:
// 0 expectations met, 1 a safety failure, 2 bad input, 3 a liveness failure.
import { describe, expect, it } from "vitest";
import { eosim } from "./run-cli.ts";

const fixture = (name: string) => `test/fixtures/${name}.scenario.ts`;

describe("exit codes", () => {
  it("0: a processor defined in the scenario file passes on the reference runtime", () => {
    const run = eosim(["run", fixture("own-processor"), "--seed", "1", "--json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).scenarios).toMatchObject([{ name: "fixture-loyalty-points", ok: true, runs: 150, failures: 0 }]);
  });

  it("1: the same processor with dedupe off fails; the repro replays from the fixture file", () => {
    const run = eosim(["run", fixture("own-processor-broken"), "--seed", "1"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("FAIL fixture-loyalty-points-no-dedupe: safety failure");
    expect(run.stdout).toContain("exactly-once-state: FAILED");
    // The schedule speaks the processor's domain: the event each produce intent built.
    expect(run.stdout).toMatch(/^ +\d+\. produce member-\d \{"member":"member-\d","amountCents":\d+\} \(producer \d\)$/m);
    expect(run.stdout).not.toContain("produce producer");
    const [replayLine, htmlLine] = run.stdout.split("\n").slice(-4, -2).map((line) => line.trim());
    expect(replayLine).toBe("replay: npx eosim replay reports/repro/fixture-loyalty-points-no-dedupe-seed1.json");
    expect(htmlLine).toBe("html: reports/html/fixture-loyalty-points-no-dedupe-seed1.html");
    const replay = eosim(["replay", "reports/repro/fixture-loyalty-points-no-dedupe-seed1.json"]);
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain("verdict: fails");
    expect(replay.stdout).toMatch(/^ +\d+\. produce member-\d \{"member":"member-\d","amountCents":\d+\} \(producer \d\)$/m);
  });

  it("2: a processor that throws is the user's bug, named with the input it threw on", () => {
    const run = eosim(["run", fixture("throwing-processor"), "--seed", "1"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/processor error: processor "throws-on-three" threw on input \S+ \(key k\d\): three is not supported/);
  });

  it("3: a liveness failure (a runtime that never commits group offsets)", () => {
    const run = eosim(["run", fixture("liveness"), "--seed", "1", "--json"]);
    expect(run.code).toBe(3);
    const [scenario] = JSON.parse(run.stdout).scenarios;
    expect(scenario).toMatchObject({ name: "fixture-offsets-never-committed", ok: false, failure: "liveness", anomalies: ["offset-behind"] });
  });
});

describe("bad input: exit 2 and one line naming what is wrong", () => {
  it.each([
    [["run", fixture("bad-field")], "eosim: test/fixtures/bad-field.scenario.ts: topology.partitions must be an integer from 1 to 64, got 0"],
    [["run", fixture("too-many-instances")], "eosim: test/fixtures/too-many-instances.scenario.ts: topology.instances must be an integer from 1 to 16, got 17"],
    [["run", fixture("intents-min-above-max")], "eosim: test/fixtures/intents-min-above-max.scenario.ts: intents.max must be equal or greater than intents.min (10), got 2"],
    [["run", "--seed", "x1"], 'eosim: --seed must be an integer from -2147483648 to 2147483647, got "x1"'],
    [["run", "--time-limit=-3"], 'eosim: --time-limit must be a positive number of seconds, got "-3"'],
    [["run", "--time-limit", "-3"], 'eosim: --time-limit must be a positive number of seconds, got "-3"'],
    [["run", "--seed", "-2147483649"], 'eosim: --seed must be an integer from -2147483648 to 2147483647, got "-2147483649"'],
    [["run", "--seed=-2147483649"], 'eosim: --seed must be an integer from -2147483648 to 2147483647, got "-2147483649"'],
    [["mutants", "--seed", "-2147483649"], 'eosim: --seed must be an integer from -2147483648 to 2147483647, got "-2147483649"'],
    [["run", "--junit", "-x"], 'eosim: run: --junit: write a value starting with "-" as --junit=VALUE (see eosim run --help)'],
    [["run", "--junit"], "eosim: run: --junit needs a value (see eosim run --help)"],
    [["run", "--quiet=yes"], "eosim: run: option '--quiet' does not take an argument (see eosim run --help)"],
    [["run", "test/fixtures/*.nothing.ts"], 'eosim: no scenario files match "test/fixtures/*.nothing.ts"'],
    [["run", "test/no-such-folder"], "eosim: test/no-such-folder: no such file or folder"],
    [["run", "test/fixtures/none.scenario.ts"], "eosim: test/fixtures/none.scenario.ts: no such scenario file"],
    [["run", "click-counter", "--time-limit", "1e-9"], 'eosim: scenario "click-counter" ran 0 schedules, so nothing was tested (the time limit of 1e-9 s ended the run before its first schedule; raise --time-limit)'],
    [["mutants", "nope", "--runs", "1"], /^eosim: unknown mutant "nope" \(known: dedupe-off, .*\)$/],
    [["list", "--json"], "eosim: list: unknown option '--json' (see eosim list --help)"],
    [["replay"], "eosim: eosim replay takes exactly one repro file (eosim replay reports/repro/<file>.json)"],
  ])("eosim %j", (args, line) => {
    const result = eosim(args);
    expect(result.code).toBe(2);
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    if (typeof line === "string") expect(lines[0]).toBe(line);
    else expect(lines[0]).toMatch(line);
  });
});

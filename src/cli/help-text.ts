/** The `eosim --help` text. */
export const helpText = `eosim: deterministic simulation testing of exactly-once stream processors

Usage:
  eosim run [names | paths | globs] [--runs N] [--seed S] [--time-limit SEC]
            [--json] [--junit FILE] [--html FILE] [--md FILE] [--quiet]
            [--workers N] [--shard i/n] [--check-determinism[=FRACTION]]
            [--fail-on-warnings]
      Run scenarios (all under scenarios/ when none are named; a folder or a
      quoted glob such as 'test/**/*.scenario.ts' selects its files) over
      generated fault schedules. The seed comes from --seed, else EOSIM_SEED,
      else is random; it is always printed. Failures are shrunk and written to
      reports/repro/<scenario>-seed<S>.json, with a self-contained HTML report
      of the failure (timeline, anomalies, state before and after each step)
      in reports/html/<scenario>-seed<S>.html. --junit writes JUnit XML (one
      testcase per scenario); --html FILE writes the whole run as one HTML
      page (every scenario, its coverage table, links to failure reports) and
      --md FILE the same as Markdown (for pull-request comments); --quiet
      prints only failures and the summary.
      --workers N spreads each scenario's schedules over N worker threads;
      --shard i/n runs the i-th of n deterministic slices (for CI matrices).
      Neither changes which schedules run or which failure is reported. No
      scenario selected, or a scenario that ran 0 schedules, is bad input.
      --json gives each failure's checkers with their anomalies, its steps
      as text and the replay command. --check-determinism runs a sample of
      the schedules (default 0.05, 5%) twice and compares their histories
      step by step: a schedule that differs from itself is named as
      non-determinism in the processor (exit 2). Every failure found is
      re-run before it is reported, with or without the flag. A crash point
      or fault kind put to the test in under 1% of the schedules (in runs of
      100 or more) prints a warning line, also in --json ("warnings");
      warnings change the exit code only with --fail-on-warnings: then a run
      that met every expectation but warned exits 1 (and --quiet prints the
      warnings).
  eosim merge <reports...> [--json] [--junit FILE] [--fail-on-warnings]
      Merge the --json reports of every shard of a run into the summary the
      unsharded run would have printed, with its exit code. A missing shard,
      or reports of different runs (seed, scenarios, --runs), is bad input.
      --fail-on-warnings: the merged run's coverage warnings exit 1 (pass it
      here, not to the shards: a shard's coverage is a slice of the run's).
  eosim new <name>
      Write scenarios/<name>.scenario.ts from a commented template that passes
      as written (never overwrites a file).
  eosim replay <repro.json>
      Re-run a recorded failing schedule; prints "history <hash>" and
      "verdict: fails" (exit 1) or "verdict: passes" (exit 0). A failure's
      HTML report goes to the html/ folder beside the repro/ folder (or
      next to a repro file kept elsewhere). Works from
      any folder of the project (the nearest one up with package.json and
      scenarios/).
  eosim mutants [names] [--runs N] [--seed S] [--json] [--html FILE] [--md FILE]
      Run the references (the reference runtime, and the ledger service example)
      and every planted bug of the catalogue: runtime bugs (the reference runtime
      with one knob turned) and service bugs (variants of the ledger service with
      one realistic mistake); report each bug's target, whether it is detected,
      after how many schedules, and the shrunk length. Exit 0 only when the
      references pass and every bug is detected. --html and --md write the
      run report, as they do for a run.
  eosim bench [--quick] [--out FILE]
      Measure eosim on the reference workload (bank ledger, 4 partitions, 3
      instances, 2 producers, 120-200 intents, every fault and checker): speed
      on 1 and 2 workers, against its limit and against a hand-written
      fc.commands harness, per planted bug, replay latency and peak memory.
      Prints the tables and writes reports/bench.json (also: npm run bench).
  eosim list [names | paths | globs]
      List scenarios with processor, expectation and description.
  eosim --help | --version | <command> --help

Exit codes:
  0  every scenario met its expectation
  1  a safety failure (or an expected failure was not found, required
      coverage was not reached, or --fail-on-warnings and a warning)
  2  bad input (arguments, scenario files, repro files, a throwing, stuck or
      non-deterministic processor, a service that leaves the simulation, a
      worker out of memory), or nothing to test (no scenario selected, 0
      schedules run, an unknown mutant, shard reports of different runs)
  3  a liveness failure (the drain did not converge)
  4  a bug in eosim itself (please report it with the printed details)
  130  a run was stopped by SIGINT (143: by SIGTERM); the results so far
       were reported (--json with "interrupted": true, the JUnit file)
  141  stdout was closed before the run ended (e.g. piped into head): no verdict
`;

/**
 * The usage block of one command (`eosim <command> --help`), cut from {@link helpText} so
 * the two never disagree; undefined for an unknown command.
 */
export function commandHelp(command: string): string | undefined {
  const lines = helpText.split("\n");
  const start = lines.findIndex((line) => line.startsWith(`  eosim ${command} `) || line === `  eosim ${command}`);
  if (start < 0) return undefined;
  let end = start + 1;
  while (end < lines.length && lines[end].startsWith("    ")) end++;
  const exitCodes = lines.slice(lines.indexOf("Exit codes:"));
  return ["Usage:", ...lines.slice(start, end), "", ...exitCodes].join("\n");
}

/**
 * Defects the fuzz suite found and that are not fixed yet. Each entry recognizes the one
 * failure it stands for (by the input or by what was thrown) so the suite stays green
 * without dropping the generators that found it: delete an entry once the source is fixed,
 * and the fuzz tests cover that case again (they fail if it is not fixed after all).
 */
import { BadInputError } from "../../src/scenario/bad-input.ts";

/**
 * Generate the inputs of the known defects too (EOSIM_FUZZ_KNOWN_DEFECTS=1), to check a fix:
 * the in-process excuses below then excuse nothing, and the spawned generators include them.
 */
export const withKnownDefects = process.env.EOSIM_FUZZ_KNOWN_DEFECTS === "1";

const message = (error: unknown): string => (error instanceof Error ? error.message : "");

/**
 * readRepro: JSON.parse's message quotes the text around the syntax error, newlines and
 * all, so a repro file that is not JSON (a pretty-printed file with a typo, a BOM) is refused
 * with a message of several lines (shard reports cut it at the first line).
 */
export function reproJsonMessageSpansLines(error: unknown): string | null {
  return !withKnownDefects && error instanceof BadInputError && message(error).includes(": not valid JSON (") && message(error).includes("\n") ? "repro-json-message-spans-lines" : null;
}

/**
 * mergeReports: a shard count far above the number of reports (`"count": 100000000`, or
 * 2147483648) makes checkComplete build a list of every missing shard: an out-of-memory crash
 * (exit 134), a RangeError (exit 4, "Invalid array length", from 2^32 on), or a message listing
 * millions of shards. Reports whose shard count is above this bound are left out.
 */
export const shardCountMax = withKnownDefects ? Infinity : 1000;

/** The shard counts `texts` (shard report files) declare. */
export function shardCountsOf(texts: readonly string[]): number[] {
  const counts: number[] = [];
  for (const text of texts) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      continue;
    }
    const scenarios = (json as { scenarios?: unknown } | null)?.scenarios;
    if (!Array.isArray(scenarios)) continue;
    for (const s of scenarios) {
      const count = (s as { shard?: { count?: unknown } } | null)?.shard?.count;
      if (typeof count === "number") counts.push(count);
    }
  }
  return counts;
}

/** Whether `error` is a refusal (BadInputError) whose message spans lines. */
const multiLineRefusal = (error: unknown): boolean => !withKnownDefects && error instanceof BadInputError && message(error).includes("\n");

const hasNewline = (value: unknown): boolean => typeof value === "string" && value.includes("\n");

/**
 * mergeReports, readShardReport: a scenario name read from a shard report is put into the
 * message as it is (`scenario "a<newline>b" has no shard detail`, `scenarios [...]`,
 * `the shards ran 0 schedules`), so a name with a newline gives a message of several lines.
 */
export function shardNameSpansLines(texts: readonly string[]): (error: unknown) => string | null {
  const names = texts.flatMap((text) => {
    try {
      const scenarios = (JSON.parse(text) as { scenarios?: unknown } | null)?.scenarios;
      return Array.isArray(scenarios) ? scenarios.map((s) => (s as { name?: unknown } | null)?.name) : [];
    } catch {
      return [];
    }
  });
  return (error) => (names.some(hasNewline) && multiLineRefusal(error) ? "shard-report-name-spans-lines" : null);
}

/**
 * validateScenario: the processor's name and event kinds (in the `workload.mix` rule) and the
 * path of `service.module` (in "no such file") are put into the message as they are, so one
 * with a newline gives a message of several lines.
 */
export function scenarioTextSpansLines(value: unknown): (error: unknown) => string | null {
  const v = value as { processor?: { name?: unknown; eventKinds?: unknown }; service?: { module?: unknown } } | null;
  const texts = [v?.processor?.name, ...(Array.isArray(v?.processor?.eventKinds) ? v.processor.eventKinds : []), v?.service?.module];
  return (error) => (texts.some(hasNewline) && multiLineRefusal(error) ? "scenario-text-spans-lines" : null);
}

/**
 * The CLI: a command or scenario name from the command line is put into the message as it
 * is (`unknown command "ru<newline>n"`, `unknown scenario "a<newline>b"`), so an argument with a
 * newline gives a message of several lines. Spawned arguments leave newlines out.
 */
export const argumentText = (text: string): boolean => withKnownDefects || !text.includes("\n");

/**
 * parseShard: digits are read with Number, so an index or count beyond 2^53 is rounded and
 * accepted (`9007199254740993/9007199254740992` reads as 9007199254740992/9007199254740992,
 * its index above its count; `99999999999999999999/99999999999999999999` runs 0 schedules and
 * exits 0). Generated shard texts keep to this many digits.
 */
export const shardDigitsMax = withKnownDefects ? 25 : 15;

/**
 * The spawned scenario files (`scenario-files.ts`) mark their variants of these defects with
 * the defect's name:
 *
 * - `thrown-string-spans-lines`: a processor, makeEvent, scenario file or its timer throws a
 *   string with a newline; the FAIL line, the load error or the stray-error line spans lines.
 * - `key-spans-lines`: an event key (from makeEvent) or a written key with a newline is put into
 *   every message about that input as it is. So is a processor name with a newline.
 * - `error-message-not-a-string`: an Error whose message is not a string (`Object.assign(new
 *   Error("x"), { message: 42 })`): exit 4 "error.message.split is not a function" from a
 *   processor; exit 4 with a stack trace from a scenario file's top level.
 * - `error-message-getter-throws`, `thrown-proxy`: thrown values whose property reads throw:
 *   exit 4 ("harness error: getter", "harness error: proxy").
 * - `thrown-deep-value`: a thrown array nested 100000 deep: exit 4 "harness error: Maximum
 *   call stack size exceeded".
 * - `thrown-value-without-string-form`: `throw Object.create(null)` (or an object whose toString
 *   throws) at a scenario file's top level: exit 4 with a stack trace ("Cannot convert object to
 *   primitive value", load-error.ts); from a timer the file leaves: the process dies with exit 7
 *   and a raw stack trace (stray-error.ts).
 * - `result-getter-throws`: process() returns `{ get writes() { throw ... } }`: exit 4
 *   "harness error: getter".
 * - `huge-result-blamed-on-eosim`: process() returns 300000 outputs with budgetMs 300: eosim's
 *   own checking of them outlasts the budget, reported as "harness error: a schedule ran for
 *   more than 300 ms of real time outside the scenario's code (a bug in eosim)", exit 4.
 * - `random-outputs-reported-as-safety-failure`: a processor whose outputs (not its writes) read
 *   Math.random(), performance.now() or crypto.randomUUID() is reported as a safety failure
 *   (exit 1, effectively-once-outputs: wrong-output), not as non-determinism (exit 2).
 */
export const spawnedDefects = [
  "thrown-string-spans-lines",
  "key-spans-lines",
  "error-message-not-a-string",
  "error-message-getter-throws",
  "thrown-proxy",
  "thrown-deep-value",
  "thrown-value-without-string-form",
  "result-getter-throws",
  "huge-result-blamed-on-eosim",
  "random-outputs-reported-as-safety-failure",
] as const;

/** The name of a known defect of {@link spawnedDefects}. */
export type SpawnedDefect = (typeof spawnedDefects)[number];

/**
 * What keeping values plain costs per value, for the choice made in `src/core/plain-value.ts`:
 * validate and deep-freeze on write (reads free) against encoding on write and decoding on
 * every read (JSON or structuredClone; both still need the validation, since neither refuses
 * a Map, a Date or a symbol key with a path). "JSON alone" skips the checks: it is the floor
 * of the encoding approach, not an option that keeps the guarantees.
 *
 * Each value is built fresh per iteration (freezing a frozen value is cheaper than the real
 * first write), and the cost of building it is measured alone and subtracted. Each cell runs
 * for a fixed time budget in each of a few rounds, and keeps its fastest round: on shared
 * cores the minimum is the figure least disturbed by other processes. A few seconds in all.
 *
 * Run: npx tsx bench/plain-value-cost.ts
 */
import { freezePlain, plainValueProblem, toPlainValue } from "../src/core/plain-value.ts";

const cellMs = 12;
const roundCount = 7;

/** A representative value an intent writes, built fresh by `make`. */
interface Sample {
  readonly name: string;
  readonly make: () => unknown;
}

const samples: readonly Sample[] = [
  { name: "120", make: () => 120 },
  { name: '"ok"', make: () => "ok" },
  { name: "null (delete)", make: () => null },
  { name: "{ balance: 120 }", make: () => ({ balance: 120 }) },
  { name: "{ items: { a: 2 }, version: 7 }", make: () => ({ items: { a: 2 }, version: 7 }) },
  { name: "[{ id, qty } x3]", make: () => [{ id: 1, qty: 2 }, { id: 2, qty: 1 }, { id: 3, qty: 5 }] },
  { name: "{ orderId, lines: [1], total, paid }", make: () => ({ orderId: "o-17", lines: [{ sku: "x", qty: 1 }], total: 42.5, paid: false }) },
];

function checked(value: unknown): unknown {
  if (plainValueProblem(value) !== null) throw new Error("bench value is not plain");
  return value;
}

/** One way to keep a value: what a write does, then what one read does. */
const approaches: ReadonlyArray<readonly [string, (value: unknown) => unknown]> = [
  ["validate+freeze", (value) => toPlainValue(value)],
  ["validate only", (value) => plainValueProblem(value)],
  ["freeze only", (value) => freezePlain(value)],
  ["validate+JSON w+r", (value) => JSON.parse(JSON.stringify(checked(value)) ?? "null")],
  ["validate+sClone w+r", (value) => structuredClone(structuredClone(checked(value)))],
  ["JSON w+r, no checks", (value) => JSON.parse(JSON.stringify(value) ?? "null")],
];

let sink: unknown;

/** Nanoseconds per call of `make` followed by `use`, over about `ms` milliseconds. */
function nsPerCall(make: () => unknown, use: (value: unknown) => unknown, ms: number): number {
  let calls = 0;
  const started = performance.now();
  let now = started;
  while (now - started < ms) {
    for (let i = 0; i < 1000; i++) sink = use(make());
    calls += 1000;
    now = performance.now();
  }
  return ((now - started) * 1e6) / calls;
}

const identity = (value: unknown): unknown => value;
const uses = [identity, ...approaches.map(([, use]) => use)];
const header = ["value".padEnd(38), ...approaches.map(([name]) => name.padStart(20))].join("");
console.log(`ns per value (building the value subtracted), fastest of ${roundCount} rounds\n${header}`);
for (const sample of samples) {
  const best = uses.map(() => Infinity);
  for (let round = 0; round < roundCount; round++) {
    uses.forEach((use, i) => {
      best[i] = Math.min(best[i], nsPerCall(sample.make, use, cellMs));
    });
  }
  const cells = best.slice(1).map((ns) => Math.max(0, ns - best[0]));
  console.log([sample.name.padEnd(38), ...cells.map((ns) => ns.toFixed(0).padStart(20))].join(""));
}
if (sink === Symbol.for("never")) console.log("");

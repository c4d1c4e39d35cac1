/**
 * The file `eosim new <name>` writes: a scenario with its own small processor defined inline
 * (so a user sees the whole shape in one place) and every option written out with its
 * default and a comment. It must pass as written with any seed, so it only requires coverage
 * that every few schedules reach (crashes), and its processor is correct by construction.
 * The values it writes, the bounds its comments quote and the fault kinds it lists come from
 * the option tables (`scenario/scenario-options.ts`) and the fault catalogue, so they cannot
 * drift from what validation accepts and what a scenario gets when it leaves them out.
 */
import { boundText } from "../core/option-spec.ts";
import { faultKinds } from "../faults/fault-kind.ts";
import { compactionOptionSpecs as compaction, scenarioOptionSpecs as top, topologyOptionSpecs as topology, workloadOptionSpecs as workload } from "../scenario/scenario-options.ts";

/** `items` quoted and comma-separated, wrapped into `// ` comment lines of at most `width` characters. */
function quotedList(items: readonly string[], indent: string, width = 95): string {
  const lines: string[] = [];
  let line = "";
  for (const [i, item] of items.entries()) {
    const word = `${JSON.stringify(item)}${i === items.length - 1 ? "." : ","}`;
    if (line !== "" && indent.length + 3 + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines.map((l) => `${indent}// ${l}`).join("\n");
}

/** The text of `scenarios/<name>.scenario.ts`. */
export function scenarioTemplate(name: string): string {
  return `// ${name}: an eosim scenario. Run it with \`npx eosim run ${name}\`.
//
// A scenario bundles the business logic under test (a processor), the deployment around it,
// the faults to inject and what the run must show. eosim generates many fault schedules,
// runs each in a deterministic simulation of the broker, the consumer group and the state
// stores, and checks that the final state is exactly-once, outputs are effectively-once and
// the changelog restores the live store. Any failure is shrunk and written to reports/repro/.
import { defineProcessor, defineScenario } from "eosim";

/** An input event: a customer placed an order. */
interface Order {
  readonly customer: string;
  readonly amountCents: number;
}

/** What the state store keeps per customer. */
interface Totals {
  readonly orders: number;
  readonly spentCents: number;
}

// The processor: a pure function from (state view, event) to state writes and outputs. It is
// not idempotent (each order adds to the totals), so any duplicate or lost apply shows.
// Replace it with your own, or import one from your code:
//   import { myProcessor } from "../src/my-processor.ts";
const orderTotals = defineProcessor<Totals, Order, { customer: string; orders: number }>({
  name: "order-totals",
  description: "orders and money spent per customer",
  // Turns generated numbers into an event, so fast-check can shrink the workload:
  // keyIndex is in [0, workload.keys), draw in [0, 1000). A processor with several kinds of
  // event can list them in \`eventKinds\` and build the one named by makeEvent's fourth
  // argument, \`kind\` (given when the scenario sets workload.mix).
  makeEvent(keyIndex, draw) {
    const customer = \`customer-\${keyIndex}\`;
    return { key: customer, payload: { customer, amountCents: 100 + draw } };
  },
  // Reads the current state through \`state\` and returns writes (value null deletes the key)
  // and outputs. Must be deterministic: no clocks, no randomness, no state kept outside.
  process(state, event) {
    const { customer, amountCents } = event.payload;
    const before = state.get(customer) ?? { orders: 0, spentCents: 0 };
    const after = { orders: before.orders + 1, spentCents: before.spentCents + amountCents };
    return { writes: [{ key: customer, value: after }], outputs: [{ customer, orders: after.orders }] };
  },
});

export default defineScenario({
  // Unique name: \`eosim run ${name}\` selects it. Lowercase letters, digits and dashes.
  name: "${name}",
  // One line shown by \`eosim list\`.
  description: "order totals on the reference runtime under every fault",
  // The business logic under test: yours, or a built-in (bankLedger, inventory, ...).
  processor: orderTotals,
  // The simulated deployment: input/changelog/output partitions (${boundText(topology.partitions)}), service instances
  // (${boundText(topology.instances)}, each with its own disk) and upstream producers (${boundText(topology.producers)}).
  topology: { partitions: ${topology.partitions.default}, instances: ${topology.instances.default}, producers: ${topology.producers.default} },
  // The input workload: distinct keys (${boundText(workload.keys)}). Optionally also how many input events each
  // schedule holds on top of the other intents, e.g. \`events: { min: 5, max: 20 }\`
  // (default: drawn with them), and, for a processor that lists its eventKinds, their
  // relative weights (${boundText(workload.mix)}), e.g. \`mix: { deposit: 3, withdraw: 1 }\` with bankLedger
  // (default: the processor picks the kind from the draw).
  workload: { keys: ${workload.keys.default} },
  // Fault kinds to inject (default: all of them; \`[]\` runs without faults). Each schedule
  // draws a weight per kind, so some runs are storms of one fault and others are calm:
${quotedList(faultKinds, "  ")}
  // faults: ["lost-ack", "crash", "rebalance"],
  // The runtime under test: "reference" (the correct design), a planted bug by name (see
  // \`eosim mutants\`), or knobs away from the reference. To watch eosim catch a bug, set it
  // to { dedupe: false }: a retried order is then counted twice.
  runtime: "reference",
  // Where each instance keeps its store: "memory" (the simulated disk) or "sqlite" (an
  // embedded SQLite database per disk, same semantics; needs better-sqlite3 12.x installed).
  store: "${top.store.default}",
  // Ticks a paused instance keeps its group session before it is replaced (and becomes a zombie).
  sessionTimeoutTicks: ${top.sessionTimeoutTicks.default},
  // Largest distance, in events, at which an upstream re-publishes an old event.
  republishDistanceMax: ${top.republishDistanceMax.default},
  // Coverage the run must reach or fail ("sometimes" assertions): "fault:<kind>",
  // "crash-point:<point>", "every-fault" or "every-crash-point".
  requiredCoverage: ["fault:crash"],
  // Checkers to run (default: all). For example ["exactly-once-state", "liveness"].
  // checkers: ["exactly-once-state", "effectively-once-outputs", "restoration", "liveness"],
  // Business rules of your own, checked after every schedule beside the checkers (see the
  // README, "Invariants of your own"), e.g. every customer's total counts at least one order:
  // invariants: [{
  //   name: "orders-counted",
  //   check: (run) => run.partitions.flatMap((p) => [...(p.state ?? [])]
  //     .filter(([, totals]) => totals.orders < 1)
  //     .map(([key]) => ({ partition: p.partition, key, detail: key + " has a total without an order" }))),
  // }],
  // Intents (produce, step, fault, ...) per generated schedule; with workload.events, the
  // intents other than produce.
  intents: { min: ${top.intents.min.default}, max: ${top.intents.max.default} },
  // Changelog compaction: records per segment (the active segment is never compacted) and
  // ticks a tombstone survives once the cleaner first kept it.
  compaction: { segmentRecords: ${compaction.segmentRecords.default}, deleteRetentionTicks: ${compaction.deleteRetentionTicks.default} },
  // Schedules per run when \`--runs\` is not given.
  runs: ${top.runs.default},
  // "pass": no schedule may fail. "fail": some schedule must fail (a planted bug must be caught).
  expect: "${top.expect.default}",
});
`;
}

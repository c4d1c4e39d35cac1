/**
 * The real-crash suite's checker: after a kill, is the database exactly what the committed
 * transactions made it, and is what the process did outside it (the effects log) exactly-once?
 *
 * It reuses eosim's own judgement where it fits: the reference model (`referenceModel`, the
 * bank-ledger processor folded over the unique inputs below the store's next offset, as the
 * exactly-once-state checker does), `sameValue` to compare, and the output IDs of
 * effectively-once-outputs (`<dedupe ID>/o0`: one ID per cause; a re-send is the same ID with
 * the same payload). The store is read through the same `SqliteServiceDisk` the process wrote
 * with; SQLite's own `integrity_check` judges the file.
 */
import { readFileSync } from "node:fs";
import { referenceModel } from "../../src/check/reference-model.ts";
import { sameValue, show } from "../../src/check/same-value.ts";
import { bankLedger } from "../../src/runtime/processors/bank-ledger.ts";
import { SqliteServiceDisk } from "../../src/service/sqlite-service-disk.ts";
import { openSqlite } from "../../src/store/sqlite-driver.ts";
import { inputRecords, namespaces as ns } from "./ledger-inputs.ts";
import type { Outgoing } from "./ledger-process.ts";

/** What one check found. */
export interface CrashCheck {
  /** The store's next input offset: inputs below it are committed. */
  readonly next: number;
  /** Outputs in the effects log, and how many of them were re-sends of one already there. */
  readonly outputs: number;
  readonly resent: number;
  /** Everything that is not exactly-once, one line each (empty: the database and the log are right). */
  readonly anomalies: readonly string[];
}

/** Differences between a namespace and what the model expects of it. */
function compare(what: string, got: ReadonlyMap<string, unknown>, expected: ReadonlyMap<string, unknown>): string[] {
  const out: string[] = [];
  for (const key of new Set([...got.keys(), ...expected.keys()])) {
    if (!sameValue(got.get(key), expected.get(key))) out.push(`${what} ${key}: expected ${show(expected.get(key))}, got ${show(got.get(key))}`);
  }
  return out;
}

/** Check `file` and `effectsFile` after a kill; `finished`: the process ran to the end of the `count` inputs. */
export function checkCrash(file: string, effectsFile: string, seed: number, count: number, finished: boolean): CrashCheck {
  const anomalies: string[] = [];
  const raw = openSqlite(file);
  const integrity = raw.pragma("integrity_check", { simple: true });
  raw.close();
  if (integrity !== "ok") anomalies.push(`integrity_check: ${String(integrity)}`);
  const disk = new SqliteServiceDisk(file);
  try {
    const next = (disk.contents(ns.meta).get("next") as number | undefined) ?? 0;
    if (finished && next !== count) anomalies.push(`finished at next offset ${next}, expected ${count}`);
    const model = referenceModel({ config: { processor: bankLedger }, inputArchive: [inputRecords(seed, next)] });
    const [partition] = model.partitions;
    anomalies.push(...compare("balance", disk.contents(ns.balances), partition.state));
    anomalies.push(...compare("dedupe ID", disk.contents(ns.dedupe), partition.applied));
    const pending = (disk.contents(ns.outbox).get("pending") as Outgoing[] | undefined) ?? [];
    if (finished && pending.length > 0) anomalies.push(`finished with ${pending.length} output(s) never sent`);
    const sent = new Map<string, unknown>();
    let outputs = 0;
    let resent = 0;
    for (const line of readFileSync(effectsFile, "utf8").split("\n").filter((l) => l !== "")) {
      const output = JSON.parse(line) as Outgoing;
      outputs++;
      const expected = model.outputs.get(output.id);
      if (expected === undefined) anomalies.push(`output ${output.id} sent for an input the store does not hold as applied`);
      else if (!sameValue(output.event, expected)) anomalies.push(`output ${output.id}: expected ${show(expected)}, sent ${show(output.event)}`);
      if (sent.has(output.id)) {
        resent++;
        if (!sameValue(sent.get(output.id), output.event)) anomalies.push(`output ${output.id} sent with two payloads`);
      }
      sent.set(output.id, output.event);
    }
    // Only the outbox of the last committed input may be unsent yet (the next start sends it).
    const unsent = new Set(pending.map((o) => o.id));
    for (const id of model.outputs.keys()) if (!sent.has(id) && !unsent.has(id)) anomalies.push(`output ${id} lost: committed, neither sent nor pending`);
    for (const o of pending) if (!sameValue(o.event, model.outputs.get(o.id))) anomalies.push(`pending output ${o.id}: expected ${show(model.outputs.get(o.id))}, got ${show(o.event)}`);
    return { next, outputs, resent, anomalies };
  } finally {
    disk.close();
  }
}

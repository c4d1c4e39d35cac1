/**
 * The process the real-crash suite kills: the ledger service's consume loop (the body of
 * `eachBatch` in `scenarios/services/ledger-service.ts`, its business rule `apply` imported
 * as it is) over eosim's store facade on a file-backed SQLite database (`SqliteServiceDisk`,
 * WAL, synchronous=FULL), reading its inputs from `ledger-inputs.ts` instead of a broker.
 *
 * Per input, one transaction holds the next offset, the dedupe ID, the balance and the outbox.
 * Sending the outbox appends its outputs to the effects log (the outside world: what the
 * process claims it did, written with a plain `write` once the commit returned), then a second
 * transaction clears it. On start it resumes from the store's next offset and first re-sends
 * a pending outbox, as the service does after a restore. It can be killed anywhere, including
 * inside a SQLite commit and while it opens the database.
 *
 * Usage: node ledger-process.mjs <database file> <effects log> <seed> <inputs>
 */
import { openSync, writeSync } from "node:fs";
import { apply } from "../../scenarios/services/ledger-service.ts";
import { type Store, storeFacade } from "../../src/service/store-facade.ts";
import type { StorePort } from "../../src/service/store-port.ts";
import { SqliteServiceDisk } from "../../src/service/sqlite-service-disk.ts";
import { inputAt, namespaces as ns } from "./ledger-inputs.ts";

/** An output as the outbox holds it and the effects log records it. */
export interface Outgoing {
  readonly id: string;
  readonly key: string;
  readonly event: ReturnType<typeof apply>;
}

const [file, effectsFile, seedText, countText] = process.argv.slice(2);
const seed = Number(seedText);
const count = Number(countText);

const disk = new SqliteServiceDisk(file);
// No broker here: no changelog, and a commit is settled as soon as SQLite returned from it.
const port: StorePort = {
  get: (namespace, key) => disk.get(namespace, key),
  scan: (namespace, from, to) => disk.scan(namespace, from, to),
  commit(writes, settle) {
    disk.commit(writes, () => undefined, () => -1);
    settle(null);
  },
  restore: (_partition, settle) => settle(null),
};
const store: Store = storeFacade(port);
const effects = openSync(effectsFile, "a");

async function sendOutbox(): Promise<void> {
  const pending = store.get<Outgoing[]>(ns.outbox, "pending");
  if (pending === undefined || pending.length === 0) return;
  writeSync(effects, pending.map((o) => `${JSON.stringify(o)}\n`).join(""));
  const clear = store.transaction();
  clear.delete(ns.outbox, "pending");
  await clear.commit();
}

async function main(): Promise<void> {
  await sendOutbox();
  for (let offset = store.get<number>(ns.meta, "next") ?? 0; offset < count; offset++) {
    const { dedupeId, command } = inputAt(seed, offset);
    const tx = store.transaction();
    tx.put(ns.meta, "next", offset + 1);
    if (tx.get(ns.dedupe, dedupeId) === undefined) {
      const event = apply(tx.get<number>(ns.balances, command.account) ?? 0, command);
      if (event.accepted) tx.put(ns.balances, command.account, event.balance);
      tx.put(ns.dedupe, dedupeId, offset);
      tx.put(ns.outbox, "pending", [{ id: `${dedupeId}/o0`, key: command.account, event }]);
    }
    await tx.commit();
    await sendOutbox();
  }
  disk.close();
  process.stdout.write("done\n");
}

await main();

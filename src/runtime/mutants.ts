/**
 * The planted-bug catalogue: each mutant is the reference runtime (or broker) with one knob
 * turned, plus the hazard it creates in one line. A harness is only as good as the bugs it
 * finds: `eosim mutants` runs every one and reports how fast each is caught. `processor`
 * names the built-in processor the hazard needs (deletes need one that deletes); `faults`
 * optionally focuses the fault mix on what exposes it, the way a regression scenario would.
 */
import type { FaultKind } from "../faults/fault-kind.ts";
import type { RuntimeOptions } from "./runtime-options.ts";

/** One planted bug. */
export interface Mutant {
  readonly name: string;
  readonly hazard: string;
  readonly runtime: Partial<RuntimeOptions>;
  /** The broker's cleaner drops tombstones at once. */
  readonly earlyTombstoneRemoval?: boolean;
  /** Built-in processor name (default bank-ledger). */
  readonly processor?: string;
  /** Fault kinds to inject (default: all). */
  readonly faults?: readonly FaultKind[];
  /** Workload key space (default: the scenario's): fewer keys, more events per key. */
  readonly keys?: number;
  /** Relative weights of the processor's event kinds (default: the processor's own mix). */
  readonly mix?: Readonly<Record<string, number>>;
  /** Changelog segment size (default: the scenario's): smaller segments leave less of the log uncompactable. */
  readonly segmentRecords?: number;
  /**
   * Checkers that must each catch this bug on their own, within a small budget (the oracle x
   * mutant matrix in `npm test`): if one of them stops seeing it, a test fails.
   */
  readonly caughtBy: readonly string[];
}

/** Every planted bug. */
export const mutants: readonly Mutant[] = [
  { name: "dedupe-off", hazard: "inputs are not deduplicated: a producer retry after a lost ACK applies twice", runtime: { dedupe: false }, caughtBy: ["exactly-once-state", "atomicity", "effectively-once-outputs"] },
  { name: "dedupe-in-memory", hazard: "dedupe IDs live only in memory: after a crash or rebalance a retried input applies again", runtime: { dedupeStorage: "memory" }, caughtBy: ["exactly-once-state", "atomicity", "effectively-once-outputs"] },
  { name: "dedupe-not-in-changelog", hazard: "dedupe IDs are not in the changelog: after a restore, duplicates re-apply", runtime: { dedupeInChangelog: false }, caughtBy: ["restoration", "exactly-once-state", "atomicity"] },
  { name: "dedupe-by-content", hazard: "the consumer computes dedupe IDs from the event's content: two identical legitimate events (two equal deposits) are merged into one", runtime: { dedupeIdFrom: "content" }, caughtBy: ["exactly-once-state", "atomicity", "effectively-once-outputs"] },
  { name: "offset-before-state", hazard: "the next offset is committed in its own transaction before the state: a crash between loses the input", runtime: { commit: "offset-first" }, caughtBy: ["atomicity", "effectively-once-outputs", "exactly-once-state"] },
  { name: "state-dedupe-apart", hazard: "state and dedupe IDs are committed apart: a crash between re-applies the input", runtime: { commit: "state-then-dedupe" }, caughtBy: ["atomicity", "exactly-once-state"] },
  { name: "resume-from-group-offset", hazard: "the group offset is committed at poll time and used to resume: a crash after the poll skips the input", runtime: { resumeFrom: "group" }, caughtBy: ["offsets", "atomicity", "exactly-once-state"] },
  { name: "pending-batch-dropped", hazard: "the committed changelog batch is not resent after a restart: the changelog misses a transaction", runtime: { resendPendingBatch: false }, caughtBy: ["restoration"] },
  { name: "changelog-per-record", hazard: "changelog records are sent one by one: a crash leaves half a transaction on the changelog", runtime: { changelogBatching: "per-record" }, caughtBy: ["atomicity", "effectively-once-outputs", "exactly-once-state"] },
  { name: "pipelined-changelog", hazard: "changelog batches are pipelined: a retried older batch lands after a newer one and a restore reverts a key", runtime: { changelogPipelining: true }, caughtBy: ["restoration"] },
  { name: "outputs-before-commit", hazard: "outputs are sent before the commit with fresh random IDs: a crash re-sends them under new IDs", runtime: { outputs: "before-commit-random-ids" }, caughtBy: ["effectively-once-outputs"] },
  { name: "outputs-without-outbox", hazard: "outputs are sent after the commit from memory only: a crash loses them", runtime: { outputs: "after-commit-no-outbox" }, caughtBy: ["effectively-once-outputs"] },
  { name: "restore-ignores-tombstones", hazard: "restore skips tombstones: deleted keys come back after a move", runtime: { restoreTombstones: false }, processor: "inventory", faults: ["crash", "rebalance", "disk-wipe"], keys: 2, mix: { restock: 2, reserve: 1, release: 0, discontinue: 2 }, caughtBy: ["exactly-once-state", "atomicity", "restoration"] },
  { name: "stale-store-reused", hazard: "a returning partition reuses its stale local store without checking the checkpoint: input truncated since is skipped", runtime: { checkCheckpoint: false }, faults: ["rebalance", "crash", "truncation", "pause"], caughtBy: ["restoration", "exactly-once-state"] },
  { name: "no-fencing", hazard: "no epoch fencing: a zombie appends to the changelog after the new owner restored", runtime: { fencing: false }, faults: ["pause", "lost-ack", "rebalance"], caughtBy: ["restoration"] },
  { name: "dedupe-window-too-short", hazard: "the dedupe window (3 offsets) is shorter than the distance of upstream duplicates", runtime: { dedupeWindowOffsets: 3 }, faults: ["upstream-duplicate", "crash", "rebalance"], caughtBy: ["exactly-once-state", "atomicity"] },
  { name: "tombstones-compacted-early", hazard: "the broker drops tombstones before the delete retention: a restore racing compaction misses a delete", runtime: {}, earlyTombstoneRemoval: true, processor: "inventory", faults: ["restore-race", "crash", "disk-wipe"], keys: 1, segmentRecords: 2, mix: { restock: 2, reserve: 1, release: 0, discontinue: 2 }, caughtBy: ["atomicity", "effectively-once-outputs"] },
];

/** The mutant called `name`, if any. */
export function findMutant(name: string): Mutant | undefined {
  return mutants.find((m) => m.name === name);
}

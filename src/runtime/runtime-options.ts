/**
 * Knobs of the reference runtime. The defaults are the correct design; each planted bug
 * (see `mutants.ts`) turns exactly one knob away from it.
 *
 * {@link runtimeOptionSpecs} is the one place a knob is declared: its values, its default
 * (the reference) and its TSDoc. {@link RuntimeOptions}, {@link referenceRuntime} and the
 * validation of a scenario's `runtime` field are derived from it.
 */
import type { AssignmentStrategy } from "../broker/assignment.ts";
import { choice, defaultsOf, flag, intOrNull, type OptionValues } from "../core/option-spec.ts";

const assignmentStrategies = ["range", "round-robin"] as const satisfies readonly AssignmentStrategy[];
// Compiles only while the list names every strategy the broker has. (A type-level check:
// nothing to mutate.)
// Stryker disable next-line all
true satisfies (AssignmentStrategy extends (typeof assignmentStrategies)[number] ? true : false);

/** Every runtime knob: its values and the reference runtime's setting. */
export const runtimeOptionSpecs = {
  /** Drop inputs whose dedupe ID the store already holds. Off = every retry double-applies. */
  dedupe: flag(true),
  /** Where dedupe IDs live: in the store transaction (correct) or only in the task's memory. */
  dedupeStorage: choice(["store", "memory"], "store"),
  /** Whether dedupe IDs are recorded in the changelog (so a restore brings them back). */
  dedupeInChangelog: flag(true),
  /**
   * Dedupe IDs are kept for inputs at most this many offsets back (1-1,000,000), then expire
   * (a tombstone in the changelog); null keeps them forever.
   */
  dedupeWindowOffsets: intOrNull(1, 1_000_000, null),
  /**
   * What an input is deduplicated by. "producer": the dedupe ID its producer gave it when it
   * created the event, kept on every retry (correct). "content": an ID the runtime computes
   * from the event's key and payload when it consumes it, which also matches a retry but
   * merges two legitimate equal events into one. Output IDs derive from the producer's ID
   * either way.
   */
  dedupeIdFrom: choice(["producer", "content"], "producer"),
  /**
   * "atomic": state + offset + dedupe IDs in one transaction. "offset-first": the next offset
   * is committed in its own transaction before the state. "state-then-dedupe": state first,
   * dedupe IDs and offset in a second transaction.
   */
  commit: choice(["atomic", "offset-first", "state-then-dedupe"], "atomic"),
  /** Resume input from the store's offset (correct) or from the group's committed offset, committed at poll time. */
  resumeFrom: choice(["store", "group"], "store"),
  /** Resend the committed-but-unacknowledged changelog batch after a restart. */
  resendPendingBatch: flag(true),
  /** Changelog records of a transaction go as one atomic batch, or one record per send. */
  changelogBatching: choice(["atomic", "per-record"], "atomic"),
  /** One changelog batch in flight at a time (correct), or keep going and retry unacknowledged batches later. */
  changelogPipelining: flag(false),
  /**
   * "outbox": outputs in the transaction, sent after the changelog with IDs from the input's
   * dedupe ID. "before-commit-random-ids": sent straight after processing with fresh random
   * IDs. "after-commit-no-outbox": sent after the commit from memory only.
   */
  outputs: choice(["outbox", "before-commit-random-ids", "after-commit-no-outbox"], "outbox"),
  /** Apply tombstones when restoring. */
  restoreTombstones: flag(true),
  /** Reuse a local store only when its checkpoint matches the changelog's end. */
  checkCheckpoint: flag(true),
  /** Write an epoch marker before restoring and send changelog batches with the owner's epoch. */
  fencing: flag(true),
  /** Restart a restore that has taken longer than the changelog's delete retention. */
  restoreDeadline: flag(true),
  /** Commit consumed offsets to the group (off: consumer lag never goes down, a liveness failure). */
  commitGroupOffsets: flag(true),
  /** Eager: every rebalance revokes all partitions; cooperative: only moved ones. */
  rebalance: choice(["eager", "cooperative"], "eager"),
  /** How the group spreads partitions over instances. */
  assignment: choice(assignmentStrategies, "range"),
} as const;

/** Runtime configuration: one value per knob of {@link runtimeOptionSpecs}. */
export type RuntimeOptions = OptionValues<typeof runtimeOptionSpecs>;

/** The reference runtime's settings. */
export const referenceRuntime: RuntimeOptions = defaultsOf(runtimeOptionSpecs);

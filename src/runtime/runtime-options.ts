/**
 * Knobs of the reference runtime. The defaults are the correct design; each planted bug
 * (see `mutants.ts`) turns exactly one knob away from it.
 */
import type { AssignmentStrategy } from "../broker/assignment.ts";

/** Runtime configuration. */
export interface RuntimeOptions {
  /** Drop inputs whose dedupe ID the store already holds. Off = every retry double-applies. */
  readonly dedupe: boolean;
  /** Where dedupe IDs live: in the store transaction (correct) or only in the task's memory. */
  readonly dedupeStorage: "store" | "memory";
  /** Whether dedupe IDs are recorded in the changelog (so a restore brings them back). */
  readonly dedupeInChangelog: boolean;
  /**
   * Dedupe IDs are kept for inputs at most this many offsets back, then expire (a tombstone in
   * the changelog); null keeps them forever.
   */
  readonly dedupeWindowOffsets: number | null;
  /**
   * "atomic": state + offset + dedupe IDs in one transaction. "offset-first": the next offset
   * is committed in its own transaction before the state. "state-then-dedupe": state first,
   * dedupe IDs and offset in a second transaction.
   */
  readonly commit: "atomic" | "offset-first" | "state-then-dedupe";
  /** Resume input from the store's offset (correct) or from the group's committed offset, committed at poll time. */
  readonly resumeFrom: "store" | "group";
  /** Resend the committed-but-unacknowledged changelog batch after a restart. */
  readonly resendPendingBatch: boolean;
  /** Changelog records of a transaction go as one atomic batch, or one record per send. */
  readonly changelogBatching: "atomic" | "per-record";
  /** One changelog batch in flight at a time (correct), or keep going and retry unacknowledged batches later. */
  readonly changelogPipelining: boolean;
  /**
   * "outbox": outputs in the transaction, sent after the changelog with IDs from the input's
   * dedupe ID. "before-commit-random-ids": sent straight after processing with fresh random
   * IDs. "after-commit-no-outbox": sent after the commit from memory only.
   */
  readonly outputs: "outbox" | "before-commit-random-ids" | "after-commit-no-outbox";
  /** Apply tombstones when restoring. */
  readonly restoreTombstones: boolean;
  /** Reuse a local store only when its checkpoint matches the changelog's end. */
  readonly checkCheckpoint: boolean;
  /** Write an epoch marker before restoring and send changelog batches with the owner's epoch. */
  readonly fencing: boolean;
  /** Restart a restore that has taken longer than the changelog's delete retention. */
  readonly restoreDeadline: boolean;
  /** Commit consumed offsets to the group (off: consumer lag never goes down, a liveness failure). */
  readonly commitGroupOffsets: boolean;
  /** Eager: every rebalance revokes all partitions; cooperative: only moved ones. */
  readonly rebalance: "eager" | "cooperative";
  /** How the group spreads partitions over instances. */
  readonly assignment: AssignmentStrategy;
}

/** The reference runtime's settings. */
export const referenceRuntime: RuntimeOptions = {
  dedupe: true,
  dedupeStorage: "store",
  dedupeInChangelog: true,
  dedupeWindowOffsets: null,
  commit: "atomic",
  resumeFrom: "store",
  resendPendingBatch: true,
  changelogBatching: "atomic",
  changelogPipelining: false,
  outputs: "outbox",
  restoreTombstones: true,
  checkCheckpoint: true,
  fencing: true,
  restoreDeadline: true,
  commitGroupOffsets: true,
  rebalance: "eager",
  assignment: "range",
};

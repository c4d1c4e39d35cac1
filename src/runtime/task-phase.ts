/**
 * Where a partition task is in its cycle. The phase a task is in when its instance crashes is
 * the crash point: e.g. a crash in `committed` is "after the store commit, before the
 * changelog send". Codes are recorded in histories: append, never renumber.
 */
import type { StoreNamespace } from "../store/store-client.ts";

export const TaskPhase = {
  /** Ready to poll the next input. */
  ready: 0,
  /** Polled an input, not yet processed it. */
  polled: 1,
  /** Processed, the local transaction not yet committed. */
  processed: 2,
  /** Committed locally; the changelog batch not yet acknowledged. */
  committed: 3,
  /** Changelog acknowledged; outputs not yet acknowledged. */
  logged: 4,
  /** Outputs acknowledged; offset not yet committed to the group. */
  sent: 5,
  /** Rebuilding the store from the changelog. */
  restoring: 6,
  /** Between the two transactions of a split commit (planted bugs only). */
  halfCommitted: 7,
  /** Newly assigned: writing the epoch marker to the changelog before restoring. */
  fencing: 8,
} as const;
export type TaskPhase = (typeof TaskPhase)[keyof typeof TaskPhase];

/** Crash points: every task phase, plus the instance-level ones below. */
export const CrashPoint = {
  ...TaskPhase,
  /** A rebalance is pending: crash during revoke/assign. */
  revokeAssign: 9,
  /** The instance owns no partition. */
  idle: 10,
} as const;
export type CrashPoint = (typeof CrashPoint)[keyof typeof CrashPoint];

/** Readable crash-point names, indexed by code. */
export const crashPointNames: readonly string[] = [
  "before-poll",
  "after-poll",
  "after-process-before-commit",
  "after-commit-before-changelog",
  "after-changelog-before-outputs",
  "after-outputs-before-offset-commit",
  "during-restore",
  "between-split-commits",
  "during-fencing",
  "during-revoke-assign",
  "idle",
];

/** Crash points the reference runtime can reach (split commits exist only in planted bugs). */
export const referenceCrashPoints: readonly number[] = [0, 1, 2, 3, 4, 5, 6, 8, 9];

/** The phase to continue in with a store that may hold unacknowledged work. */
export function resumePhase(store: StoreNamespace): TaskPhase {
  if (store.pendingBatch !== null) return TaskPhase.committed;
  if (!store.outboxAcked) return TaskPhase.logged;
  return TaskPhase.sent;
}

/**
 * Bounds on everything that loops or grows ("put a limit on everything"). Breaching one is a
 * liveness failure of the service under test (drain budget) or an invariant failure of eosim.
 * The sizes a scenario chooses (partitions, instances, producers, intents) are the bounds its
 * options are validated against (`scenario/scenario-options.ts`), so a scenario past one is
 * bad input; the world asserts the deployment sizes again when it is built.
 */
export const limits = {
  /** Partitions a topic may have. */
  partitionCountMax: 64,
  /** Instances a topology may have. */
  instanceCountMax: 16,
  /** Producers a topology may have. */
  producerCountMax: 16,
  /** Intents one schedule may hold. */
  intentCountMax: 2000,
  /** Changelog records one restore step reads (small, so restores span many steps and race faults). */
  restoreRecordsPerStep: 4,
  /** Drain steps allowed per unit of outstanding work before the drain is declared stuck. */
  drainTicksPerEvent: 64,
  /**
   * Drain rounds without progress after which a user's service counts as quiescent: longer
   * than kafkajs's longest retry backoff (30 s, one tick being a virtual second).
   */
  serviceQuietTicks: 40,
  /**
   * Ticks a service that shuts itself down after a SIGTERM is given before it is killed: the
   * 30 s of Kubernetes' default termination grace period.
   */
  shutdownGraceTicks: 30,
  /** Minimum drain budget in ticks. */
  drainTicksMin: 2000,
  /** Times the heal phase retries one producer's pending sends. */
  healRetriesMax: 64,
} as const;

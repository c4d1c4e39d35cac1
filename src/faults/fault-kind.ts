/**
 * The fault kinds eosim can inject. A scenario enables a subset; each generated schedule
 * (swarm testing) then draws a weight per enabled kind, 0 meaning "off in this run", so some
 * runs are storms of one fault and others are calm.
 */
export const faultKinds = ["lost-ack", "crash", "rebalance", "compaction"] as const;

/** A fault kind name. */
export type FaultKind = (typeof faultKinds)[number];

/** One line per kind, for listings and reports. */
export const faultDescriptions: Record<FaultKind, string> = {
  "lost-ack": "a send is appended but its ACK is lost (input, changelog or output); the sender retries",
  crash: "kill -9 of an instance at its current step, later restarted on the same disk",
  rebalance: "instances join and leave the group; partitions move and are restored elsewhere",
  compaction: "the changelog partition is compacted (latest per key, tombstones after retention)",
};

/** Per-run weights of the enabled fault kinds (0 = off in this run). */
export type FaultMix = Readonly<Record<FaultKind, number>>;

/**
 * The fault kinds eosim can inject. A scenario enables a subset; each generated schedule
 * (swarm testing) then draws a weight per enabled kind, 0 meaning "off in this run", so some
 * runs are storms of one fault and others are calm.
 */
export const faultKinds = [
  "lost-ack",
  "lost-request",
  "ambiguous-error",
  "reorder",
  "no-idempotence",
  "crash",
  "disk-wipe",
  "rebalance",
  "pause",
  "compaction",
  "restore-race",
  "truncation",
  "upstream-duplicate",
] as const;

/** A fault kind name. */
export type FaultKind = (typeof faultKinds)[number];

/** One line per kind, for listings and reports. */
export const faultDescriptions: Record<FaultKind, string> = {
  "lost-ack": "a send is appended but its ACK is lost (input, changelog or output); the sender retries",
  "lost-request": "a send never reaches the broker; the sender retries",
  "ambiguous-error": "a send is appended, then answered with an error; the sender retries",
  reorder: "a producer with several sends in flight retries a later one first",
  "no-idempotence": "the broker's idempotent producer is off for the run, so producer retries append duplicates",
  crash: "kill -9 of an instance at its current step, or stepped first to a chosen crash point (every crash point), later restarted on the same disk",
  "disk-wipe": "an instance dies and comes back with an empty disk",
  rebalance: "instances leave and join the group; partitions move and are restored elsewhere",
  pause: "an instance pauses past its session timeout and resumes as a zombie",
  compaction: "a changelog partition is compacted at any moment (compact intents)",
  "restore-race": "the log cleaner runs between the fetches of a restore (compaction racing the restore)",
  truncation: "retention deletes consumed input records (log-start truncation)",
  "upstream-duplicate": "a non-idempotent upstream re-publishes an old event with the same dedupe ID",
};

/** Per-run weights of the enabled fault kinds (0 = off in this run). */
export type FaultMix = Readonly<Record<FaultKind, number>>;

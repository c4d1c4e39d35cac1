/**
 * The run history: a flat array of fixed-width integer records, hashed as it grows.
 *
 * Histories are the only interface between running and checking. What checkers judge is
 * recorded at the boundaries (the broker's appends and fetches, the group's commits, the
 * store's transactions, the world's faults), never taken from the service's word about itself;
 * the reference runtime adds a few notes (restore start and end, epoch markers) for reports.
 * The hot loop writes one
 * record for every state change, so they are numbers, not strings or objects: four integers
 * per record (`op`, `a`, `b`, `c`). Readable text is built only for failures (see
 * `sim/describe-history.ts`). The hash after every intent is kept, so a replay on changed
 * code can say at which step it diverged.
 *
 * Hashing is lazy: recording only appends numbers and `markStep` only remembers where the
 * step ended. The hash (and every step hash) is computed on first request and extended
 * incrementally after that, so passing runs, which nobody asks to hash, never pay for it.
 */
import { StableHash } from "./hash.ts";

/** History record kinds. Values are part of the hash: append new codes, never renumber. */
export const Op = {
  intent: 1, // a: intent index, b: intent kind code, c: applied (1) or no-op (0)
  append: 2, // a: actorSlot(writer, topic, partition), b: first offset (-1 if refused), c: countOutcome(count, 0 appended / 2 out of order / 4 fenced / 5 duplicate)
  poll: 3, // retired (reads are recorded by the broker as `fetch`)
  commit: 4, // a: instance, b: partition, c: next offset after the commit (the runtime's note; checkers read `storeCommit`)
  offsetCommit: 5, // a: instance, b: partition, c: offset (negative - 1 when rejected)
  crash: 6, // a: instance, b: crash point code, c: the crash point an aimed crash stepped toward, + 1 (0: not aimed)
  restart: 7, // a: instance
  rebalance: 8, // a: generation, b: member count
  restoreStart: 9, // a: instance, b: partition, c: changelog start offset
  restoreEnd: 10, // a: instance, b: partition, c: restored next input offset
  compact: 11, // a: topicPartition(topic, partition), b: records removed
  phase: 12, // a: phase code (0 faults, 1 heal, 2 drain, 3 done)
  skipDuplicate: 13, // a: instance, b: partition, c: offset of the deduplicated input
  resume: 14, // a: instance, b: partition, c: next input offset taken from the local store
  leave: 15, // a: instance
  join: 16, // a: instance
  truncate: 17, // a: topicPartition(topic, partition), b: new log start offset
  pause: 18, // a: instance
  unpause: 19, // a: instance
  sessionExpired: 20, // a: instance
  wipe: 21, // a: instance, b: namespaces on the disk before the wipe, c: namespaces left after it
  fenced: 22, // a: instance, b: partition (a zombie learned it was fenced)
  epochMarker: 23, // a: instance, b: partition, c: epoch
  restoreRestart: 24, // a: instance, b: partition (restore took longer than the delete retention)
  lost: 25, // a: target, b: network outcome (a fault hit a send)
  snapshot: 26, // retired (the store records its own commits as `storeCommit`)
  dedupeSize: 27, // a: storeSlot(instance, partition), b: dedupe IDs held after a commit that changed them (recorded by the store when asked to)
  fetch: 28, // a: actorSlot(reader, topic, partition), b: first offset returned, c: records returned (only non-empty fetches)
  storeCommit: 29, // a: storeSlot(instance, partition), b: the namespace's next input offset, c: state hash (every committed transaction or restore)
  seek: 30, // a: instance, b: partition, c: offset (a user's service moved its consumer's position, as its kafkajs client reported)
  storeRestore: 31, // a: storeSlot(instance, partition), b: the restored next input offset, c: the changelog offset the restore reached (recorded by the store just before the restore's storeCommit)
  storeOpen: 32, // a: storeSlot(instance, partition), b: the namespace's next input offset, c: its checkpoint (the store handed an existing namespace to its instance)
  databaseRead: 33, // a: instance, b: version of the key read (-1 for a scan), c: 1 when present (a scan: entries returned)
  databaseCommit: 34, // a: instance, b: 0 applied / 1 conflict, c: the database's version after it (a conflict: writes refused)
  terminate: 35, // a: instance (a graceful leave sent it SIGTERM, which its code handles: it shuts down on its own)
  exit: 36, // a: instance (the process ended after its SIGTERM; a new one starts on its disk, recorded as restart)
} as const;

/** Append-only integer history with a lazily computed rolling hash. */
export class History {
  /** Flat records: `[op, a, b, c, op, a, b, c, ...]`. */
  readonly data: number[] = [];
  /** `data.length` at each `markStep` call. */
  private readonly stepEnds: number[] = [];
  /** Hex hash after each step, computed so far. */
  private readonly stepHex: string[] = [];
  private readonly hash = new StableHash();
  /** How much of `data` the hash has consumed. */
  private hashedLength = 0;

  /** Append one record. */
  record(op: number, a: number, b = 0, c = 0): void {
    this.data.push(op, a, b, c);
  }

  /** Remember the hash as it stands after an intent. */
  markStep(): void {
    this.stepEnds.push(this.data.length);
  }

  /** Number of `markStep` calls (intents of the fault phase), without hashing anything. */
  get stepCount(): number {
    return this.stepEnds.length;
  }

  /** Hash after each intent of the fault phase (index = intent index). */
  get stepHashes(): readonly string[] {
    this.catchUp();
    return this.stepHex;
  }

  /** The hash of everything recorded so far. */
  hex(): string {
    this.catchUp();
    return this.hash.hex();
  }

  /** Number of records. */
  get length(): number {
    return this.data.length >> 2;
  }

  /** Feed every record not hashed yet, taking the step hashes on the way. */
  private catchUp(): void {
    const { data, stepEnds, stepHex, hash } = this;
    let at = this.hashedLength;
    for (;;) {
      while (stepHex.length < stepEnds.length && stepEnds[stepHex.length] <= at) stepHex.push(hash.hex());
      if (at >= data.length) break;
      hash.int(data[at]).int(data[at + 1]).int(data[at + 2]).int(data[at + 3]);
      at += 4;
    }
    this.hashedLength = at;
  }
}

/**
 * A record stored in a partition log. `value === null` is a tombstone (a delete marker that
 * compaction removes once the delete retention has passed). Records appended by one produce
 * request share a `batch` number, which lets readers tell an atomic batch from loose sends.
 */
export interface LogRecord<V> {
  readonly offset: number;
  readonly key: string;
  readonly value: V | null;
  readonly timestampTicks: number;
  readonly batch: number;
}

/** One entry of a produce request: the broker assigns offset, timestamp and batch. */
export interface ProduceEntry<V> {
  readonly key: string;
  readonly value: V | null;
}

/** The value of an input-topic record: an event with the dedupe ID its producer gave it. */
export interface InputEvent<E = unknown> {
  readonly dedupeId: string;
  readonly key: string;
  readonly payload: E;
}

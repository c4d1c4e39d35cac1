/**
 * An upstream producer of input events. Each event gets a dedupe ID once, when it is created,
 * and keeps it on every retry: that is what lets the service drop duplicates that lost ACKs
 * and retries create. Unacknowledged sends wait in `pending` (oldest first); a retry may pick
 * any of them, so several sends in flight can land out of order. Each send also carries a
 * per-partition sequence number, which the broker uses when idempotence is enabled.
 *
 * A non-idempotent upstream can also re-publish an old event as a new message (same dedupe
 * ID, new sequence, new offset): the service must still apply it once.
 */
import { dedupeIdOf } from "../core/ids.ts";
import type { BrokerClient } from "./broker-client.ts";
import type { InputEvent } from "./log-record.ts";
import { SendOutcome, SendTarget } from "./send-outcome.ts";

export type { InputEvent };

interface PendingSend<E> {
  readonly partition: number;
  readonly sequence: number;
  readonly event: InputEvent<E>;
}

export class Producer<E> {
  private seq = 0;
  private readonly sequences: number[] = [];
  /** Events created so far, in order (for upstream re-publishing). */
  private readonly created: Array<{ partition: number; event: InputEvent<E> }> = [];
  /** Sends whose outcome the producer does not know to be a success, oldest first. */
  readonly pending: PendingSend<E>[] = [];

  constructor(
    readonly id: number,
    /** This producer's connection (actor `producerActor(id)`). */
    private readonly broker: BrokerClient,
  ) {}

  /** Create a new event and send it once. */
  produce(partition: number, key: string, payload: E): InputEvent<E> {
    const event: InputEvent<E> = { dedupeId: dedupeIdOf(this.id, this.seq++), key, payload };
    this.created.push({ partition, event });
    this.send({ partition, sequence: this.nextSequence(partition), event }, this.pending.length);
    return event;
  }

  /**
   * Resend pending send number `index` (0 = oldest) with its original dedupe ID and sequence;
   * false when nothing is pending. Retrying a later send first lands sends out of order.
   */
  retry(index = 0): boolean {
    if (this.pending.length === 0) return false;
    const at = index % this.pending.length;
    const [item] = this.pending.splice(at, 1);
    this.send(item, at);
    return true;
  }

  /** Re-publish the event created `distance` events ago as a new message; false when there is none. */
  republish(distance: number): boolean {
    // A distance beyond what was created wraps around: every re-publish of a producer that
    // created anything duplicates something.
    if (this.created.length === 0) return false;
    const original = this.created[this.created.length - 1 - (distance % this.created.length)];
    this.send({ partition: original.partition, sequence: this.nextSequence(original.partition), event: original.event }, this.pending.length);
    return true;
  }

  /** Events created so far. */
  get producedCount(): number {
    return this.seq;
  }

  private nextSequence(partition: number): number {
    const next = this.sequences[partition] ?? 0;
    this.sequences[partition] = next + 1;
    return next;
  }

  private send(item: PendingSend<E>, at: number): void {
    const outcome = this.broker.produce(SendTarget.input, item.partition, [{ key: item.event.key, value: item.event }], -1, item.sequence);
    // fenced: the sequence is older than the broker's window, so it was appended earlier.
    if (outcome === SendOutcome.acked || outcome === SendOutcome.fenced) return;
    this.pending.splice(at, 0, item);
  }
}

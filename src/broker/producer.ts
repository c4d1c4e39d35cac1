/**
 * An upstream producer of input events. Each event gets a dedupe ID once, when it is created,
 * and keeps it on every retry: that is what lets the service drop duplicates that lost ACKs
 * and retries create. Unacknowledged sends wait in `pending` (oldest first) until a `retry`.
 */
import { dedupeIdOf } from "../core/ids.ts";
import type { Broker } from "./broker.ts";
import { SendOutcome } from "./send-outcome.ts";

/** The value of an input-topic record. */
export interface InputEvent<E = unknown> {
  readonly dedupeId: string;
  readonly key: string;
  readonly payload: E;
}

interface PendingSend<E> {
  readonly partition: number;
  readonly event: InputEvent<E>;
}

export class Producer<E> {
  private seq = 0;
  /** Sends whose outcome the producer does not know to be a success, oldest first. */
  readonly pending: PendingSend<E>[] = [];

  constructor(
    readonly id: number,
    private readonly broker: Broker<InputEvent<E>, unknown, unknown>,
  ) {}

  /** Create a new event and send it once. */
  produce(partition: number, key: string, payload: E): InputEvent<E> {
    const event: InputEvent<E> = { dedupeId: dedupeIdOf(this.id, this.seq++), key, payload };
    this.send({ partition, event });
    return event;
  }

  /** Resend the oldest unacknowledged event with its original dedupe ID; false when none. */
  retry(): boolean {
    const first = this.pending.shift();
    if (first === undefined) return false;
    this.send(first, true);
    return true;
  }

  /** Events created so far. */
  get producedCount(): number {
    return this.seq;
  }

  private send(item: PendingSend<E>, front = false): void {
    const outcome = this.broker.produce(this.broker.input, item.partition, [{ key: item.event.key, value: item.event }]);
    if (outcome === SendOutcome.acked) return;
    if (front) this.pending.unshift(item);
    else this.pending.push(item);
  }
}

/**
 * Lost ACKs: the broker appends a send but the reply never reaches the sender, who must
 * assume failure and retry, so the write lands twice unless someone deduplicates. A
 * `lost-ack` intent arms the next send of one sender kind (input producer, changelog or
 * output); healing disarms everything so retries in the heal phase get through.
 */
import { type SendInterceptor, SendOutcome, type SendTarget } from "../broker/send-outcome.ts";

export class LostAckFaults implements SendInterceptor {
  private readonly armed = [0, 0, 0];
  /** How many ACKs were actually lost, per target. */
  readonly lost = [0, 0, 0];

  /** Lose the ACK of the next send from a `target` sender. */
  arm(target: SendTarget): void {
    this.armed[target]++;
  }

  outcome(target: SendTarget): SendOutcome {
    if (this.armed[target] === 0) return SendOutcome.acked;
    this.armed[target]--;
    this.lost[target]++;
    return SendOutcome.ackLost;
  }

  /** Stop injecting. */
  heal(): void {
    this.armed.fill(0);
  }
}

/**
 * What happens to a produce request. The fault layer decides; the broker carries it out.
 * `ackLost` and `ambiguous` are the dangerous ones: the write happened but the sender sees a
 * failure (no reply, or an error reply) and a retry appends it again. `fenced` is the broker
 * refusing a writer: a stale epoch on a fenced partition, or an idempotent sequence too old
 * to judge.
 */
export const SendOutcome = {
  acked: 0,
  ackLost: 1,
  notAppended: 2,
  ambiguous: 3,
  fenced: 4,
  /** Only for database requests: the reply comes after the client gave up, and the request lands later. */
  delayed: 5,
} as const;
export type SendOutcome = (typeof SendOutcome)[keyof typeof SendOutcome];

/** Which kind of sender a produce request comes from (faults can target one kind). */
export const SendTarget = {
  input: 0,
  changelog: 1,
  output: 2,
} as const;
export type SendTarget = (typeof SendTarget)[keyof typeof SendTarget];

/** The seam through which faults reach the network between senders and the broker. */
export interface SendInterceptor {
  /** Decide the fate of the next request from a `target` sender (acked, ackLost, notAppended or ambiguous). */
  outcome(target: SendTarget): SendOutcome;
}

/** A network without faults. */
export const reliableNetwork: SendInterceptor = { outcome: () => SendOutcome.acked };

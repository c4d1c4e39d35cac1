/**
 * What happens to a produce request. The fault layer decides; the broker carries it out.
 * `ackLost` is the dangerous one: the write happened, the sender does not know, and a retry
 * appends it again.
 */
export const SendOutcome = {
  acked: 0,
  ackLost: 1,
  notAppended: 2,
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
  /** Decide the outcome of the next request from a `target` sender. */
  outcome(target: SendTarget): SendOutcome;
}

/** A network without faults. */
export const reliableNetwork: SendInterceptor = { outcome: () => SendOutcome.acked };

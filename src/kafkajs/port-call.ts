/**
 * A port operation as a promise of the sandbox's realm: the simulator settles the callback
 * once, later (or never, when the instance crashed), and the promise settles with it. A
 * port error code becomes kafkajs's protocol error for that code.
 */
import type { KafkaJSProtocolError } from "./errors.ts";
import { protocolError } from "./protocol-errors.ts";
import type { PortErrorCode, Settle } from "./sim-port.ts";

/** Start a port operation and wait for its settle. */
export function portCall<T>(start: (settle: Settle<T>) => void, where?: { topic: string; partition: number }): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    start((error: PortErrorCode | null, value?: T) => {
      // The port promises one settle; a second would be a simulator bug, not the service's.
      if (settled) throw new Error("eosim: a port operation settled twice");
      settled = true;
      if (error === null) resolve(value as T);
      else reject(protocolError(error, where) satisfies KafkaJSProtocolError);
    });
  });
}

/** A virtual-time sleep (the sandbox's setTimeout is the simulator's). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * A FIFO counting semaphore: how many produce requests one partition may have in flight
 * (kafkajs's `maxInFlightRequests`, and the broker lock that holds an idempotent producer to
 * one request per broker). Waiters are served in arrival order, so the order of sends is
 * the order of calls, as on one kafkajs connection.
 */
export class Semaphore {
  private inUse = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly capacity: number) {}

  /** Wait for a slot; resolves to the function that gives it back (call it once). */
  acquire(): Promise<() => void> {
    return new Promise((resolve) => {
      const grant = () => {
        this.inUse++;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.inUse--;
          this.waiting.shift()?.();
        });
      };
      if (this.inUse < this.capacity && this.waiting.length === 0) grant();
      else this.waiting.push(grant);
    });
  }
}

/**
 * The listeners one life of a service registered on `process` (`process.on("SIGTERM", ...)`).
 * Only SIGTERM is ever delivered: a graceful leave sends it to a service that handles it, as
 * a deploy does (see `ServiceProcess.leave`). Other events are kept, so `process.off` and
 * `process.listeners` answer as Node's do, but never emitted: the simulation has no uncaught
 * exceptions to report through them (it stops the run instead) and no real signals.
 */

/** A listener as the service registered it. */
type Listener = (...args: unknown[]) => unknown;

interface Registration {
  readonly event: string;
  readonly listener: Listener;
  readonly once: boolean;
}

export class ProcessEvents {
  private registrations: Registration[] = [];

  /** `process.on` / `process.once`. */
  add(event: string, listener: Listener, once: boolean): void {
    this.registrations.push({ event, listener, once });
  }

  /** `process.off`: drop the first registration of `listener`; without one, `removeAllListeners(event)`. */
  remove(event: string, listener?: unknown): void {
    if (listener === undefined) {
      this.registrations = this.registrations.filter((r) => r.event !== event);
      return;
    }
    const at = this.registrations.findIndex((r) => r.event === event && r.listener === listener);
    if (at >= 0) this.registrations.splice(at, 1);
  }

  /** `process.listeners(event)`, in registration order. */
  listeners(event: string): Listener[] {
    return this.registrations.filter((r) => r.event === event).map((r) => r.listener);
  }

  /** Whether some listener waits for `event`. */
  has(event: string): boolean {
    return this.registrations.some((r) => r.event === event);
  }

  /** The listeners to call for one emission of `event`, dropping the `once` ones as Node does. */
  take(event: string): Listener[] {
    const called = this.listeners(event);
    this.registrations = this.registrations.filter((r) => r.event !== event || !r.once);
    return called;
  }
}

/**
 * One life of a service instance: from a start to the next crash. It owns everything the
 * process has in flight: the operations its code is waiting on (each settled by the
 * simulator at a step of its choosing) and its timers. A crash drops the life: its pending
 * operations are never settled and its timers never fire, which is what kill -9 does to a
 * process's promises.
 *
 * A step settles one thing that is ready (an operation whose answer the world can give now,
 * or a timer that is due), chosen with the instance's PRNG stream so concurrent operations
 * (a `Promise.all` over sends, partitions consumed concurrently) complete in every order
 * across schedules; the sandbox then runs every continuation that settlement woke.
 */
import type { Rng } from "../core/prng.ts";
import { ProcessEvents } from "./process-events.ts";

/**
 * Kinds of operation, which are also the crash points a service reports (code = kind + 1;
 * 0 is idle). The points inside a message's cycle come first.
 */
export const OperationKind = {
  fetch: 0,
  storeCommit: 1,
  storeChangelog: 2,
  sendOutput: 3,
  commitOffsets: 4,
  storeRestore: 5,
  timer: 6,
  join: 7,
  heartbeat: 8,
  sendChangelog: 9,
  sendOther: 10,
  leave: 11,
  groupRead: 12,
  database: 13,
} as const;
export type OperationKind = (typeof OperationKind)[keyof typeof OperationKind];

/** Crash point names of a service instance, indexed by code (append only). */
export const serviceCrashPoints: readonly string[] = [
  "idle",
  "before-fetch",
  "before-store-commit",
  "before-store-changelog",
  "before-output-send",
  "before-offset-commit",
  "before-store-restore",
  "before-timer",
  "before-join",
  "before-heartbeat",
  "before-changelog-send",
  "before-other-send",
  "before-leave",
  "before-group-read",
  "before-database-request",
];

/** The crash point names of the service a world ran (undefined: the reference runtime's). */
export function crashPointsOf(config: { readonly service?: unknown }): readonly string[] | undefined {
  return config.service === undefined ? undefined : serviceCrashPoints;
}

/**
 * The crash points the instances of one world stood at (bit `code` set): some instance had an
 * operation of that kind ready, or a timer due, and settled it, so a crash just before would
 * have hit the point. Shared by every instance and life of the world. Aimed crashes aim among
 * these ({@link aimedServicePoint}), and coverage counts a point only where a schedule stood at
 * it: a service that never leaves the group, or keeps no local store, has no such point.
 */
export interface PointsStoodAt {
  mask: number;
}

/**
 * The crash point an aimed crash drawn with `aim` (1 and up) steps a service toward: point
 * `aim` once its world has stood there (`stoodAt`), else the `aim`-th of the points stood at so
 * far (idle left out), cycling; with none yet, `aim` itself (wrapped around the points). Aiming
 * at a point the service has no await for would only step it a while and crash it where it
 * is. (Aiming always at the n-th point stood at shifts every aim as points are learnt: the
 * external-store service's offset commit got 1.00% of 2,000 schedules that way, 1.45% so.)
 */
export function aimedServicePoint(stoodAt: PointsStoodAt, aim: number): number {
  const mask = stoodAt.mask & ~1;
  if (mask === 0) return aim % serviceCrashPoints.length;
  if ((mask & (1 << aim)) !== 0) return aim;
  let count = 0;
  for (let m = mask; m !== 0; m &= m - 1) count++;
  let nth = (aim - 1) % count;
  // Step to the nth set bit; nth < count, so it stops on one.
  let code = 1;
  for (; (mask & (1 << code)) === 0 || nth-- > 0; code++);
  return code;
}

/** Something the service waits on. */
export interface Operation {
  readonly kind: OperationKind;
  /**
   * Requests on one lane are answered in the order they were made, as a broker answers the
   * requests of one connection to one partition (0: no order).
   */
  readonly lane: number;
  /** Whether the world can answer it now. */
  ready(): boolean;
  /**
   * Whether answering it changes nothing the world sees (a read of the external database): a
   * service that only polls is not progress, so a drain with nothing else to do ends.
   */
  readonly quiet?: boolean;
  /** Answer it: act on the world and call the service's settle callback. */
  run(): void;
}

interface Timer {
  readonly id: number;
  due: number;
  readonly seq: number;
  readonly callback: (...args: unknown[]) => unknown;
  readonly args: unknown[];
  readonly repeatMs: number;
}

export class Life {
  private readonly operations: Operation[] = [];
  private timers: Timer[] = [];
  private nextTimerId = 1;
  private timerSeq = 0;
  /** An error the life's code raised that stops the run (an escape), first one kept. */
  fatal: string | null = null;
  /** The kind of the last thing settled, for messages. */
  lastSettled = -1;
  /** Whether the last thing settled was a quiet operation (see {@link Operation.quiet}). */
  lastSettledQuiet = false;
  /** Whether the life has joined the group and not left it since (a running consumer). */
  consuming = false;
  /** The service's handlers (eachMessage, eachBatch) running now. */
  handlers = 0;
  /** What the life's code listens to on `process` (SIGTERM, for a graceful shutdown). */
  readonly processEvents = new ProcessEvents();
  /** The life got a SIGTERM it handles: its own code shuts it down. */
  stopping = false;
  /** The life's process ended after its SIGTERM (its event loop emptied, or it called `process.exit`). */
  exited = false;

  constructor(
    readonly instance: number,
    /** Which life of the instance this is (1 = first start). */
    readonly number: number,
    /** Chooses which ready operation settles next. */
    readonly rng: Rng,
    /** What `Math.random` and friends draw from. */
    readonly random: Rng,
    private readonly nowMs: () => number,
    /** Where the world's instances stood; a life of its own by default (a unit test's). */
    private readonly stoodAt: PointsStoodAt = { mask: 0 },
  ) {}

  /** Wait for `operation` (called by the port when the service makes a request). */
  await(operation: Operation): void {
    this.operations.push(operation);
  }

  /** Pending operations (ready or not). */
  get pending(): number {
    return this.operations.length;
  }

  /** Whether an operation of `kind` is pending. */
  waitsOn(kind: OperationKind): boolean {
    for (const op of this.operations) if (op.kind === kind) return true;
    return false;
  }

  setTimer(callback: (...args: unknown[]) => unknown, delayMs: number, args: unknown[], repeat: boolean): number {
    const id = this.nextTimerId++;
    const delay = Math.max(0, delayMs);
    this.timers.push({ id, due: this.nowMs() + delay, seq: this.timerSeq++, callback, args, repeatMs: repeat ? Math.max(1, delay) : 0 });
    return id;
  }

  clearTimer(id: number): void {
    this.timers = this.timers.filter((t) => t.id !== id);
  }

  get timerCount(): number {
    return this.timers.length;
  }

  /** The crash point code a crash now would hit: the kind of the first ready thing, or idle. */
  crashPoint(): number {
    for (let i = 0; i < this.operations.length; i++) if (this.operations[i].ready() && this.firstOnLane(i)) return this.operations[i].kind + 1;
    return this.dueTimer() === undefined ? 0 : OperationKind.timer + 1;
  }

  /** Whether settling the next step could hit crash point `point`. */
  isAt(point: number): boolean {
    if (point === 0) return this.crashPoint() === 0;
    if (point === OperationKind.timer + 1) return this.dueTimer() !== undefined;
    for (let i = 0; i < this.operations.length; i++) if (this.operations[i].kind + 1 === point && this.operations[i].ready() && this.firstOnLane(i)) return true;
    return false;
  }

  /**
   * Settle one ready thing (chosen at random among them). Returns false when nothing was
   * ready. The caller drains the sandbox afterwards.
   */
  settleOne(): boolean {
    const ready: number[] = [];
    const operations = this.operations;
    for (let i = 0; i < operations.length; i++) if (operations[i].ready() && this.firstOnLane(i)) ready.push(i);
    const timer = this.dueTimer();
    const choices = ready.length + (timer === undefined ? 0 : 1);
    if (choices === 0) return false;
    const pick = choices === 1 ? 0 : this.rng.int(choices);
    if (pick < ready.length) {
      const [op] = this.operations.splice(ready[pick], 1);
      this.stoodAt.mask |= 1 << (op.kind + 1);
      this.lastSettled = op.kind;
      this.lastSettledQuiet = op.quiet === true;
      op.run();
      return true;
    }
    this.stoodAt.mask |= 1 << (OperationKind.timer + 1);
    this.lastSettled = OperationKind.timer;
    this.lastSettledQuiet = false;
    this.fire(timer!);
    return true;
  }

  /** Whether no earlier pending operation shares operation `i`'s lane. */
  private firstOnLane(i: number): boolean {
    const lane = this.operations[i].lane;
    if (lane === 0) return true;
    for (let j = 0; j < i; j++) if (this.operations[j].lane === lane) return false;
    return true;
  }

  private dueTimer(): Timer | undefined {
    const now = this.nowMs();
    let best: Timer | undefined;
    for (const t of this.timers) {
      if (t.due > now) continue;
      if (best === undefined || t.due < best.due || (t.due === best.due && t.seq < best.seq)) best = t;
    }
    return best;
  }

  private fire(timer: Timer): void {
    if (timer.repeatMs > 0) timer.due += timer.repeatMs * Math.max(1, Math.ceil((this.nowMs() - timer.due + 1) / timer.repeatMs));
    else this.timers = this.timers.filter((t) => t !== timer);
    try {
      timer.callback(...timer.args);
    } catch (error) {
      // An exception thrown by a timer callback would crash a Node process: the run records it.
      this.fatal ??= `a timer callback threw: ${(error as Error)?.message ?? String(error)}`;
    }
  }
}

/**
 * The commands of the hand-written harness (see `hand-written-harness.ts`): what an engineer
 * writes today to test the bank ledger with fast-check's model-based testing, driving eosim's
 * simulated broker, consumer group, stores and instances directly.
 *
 * The model is the ledger itself: a Map of balances, updated by each `Produce` command with
 * the processor's own logic, in the order the events are produced. That order is the order on
 * the input topic because `Produce` retries until the broker acknowledges the event (a
 * lost ACK still appends it twice, which is the duplicate the service must drop). Faults are
 * commands: lost ACKs on any sender, crashes and restarts, instances leaving and joining,
 * pauses past the session timeout, changelog compaction. Every command costs one tick, after
 * which sessions of paused instances expire, as in eosim's own interpreter.
 *
 * On purpose this is the straightforward version, not a second eosim: no swarm weights, no
 * reordered retries, no upstream re-publishing, no crash points chosen on purpose, no
 * checkers beyond the final balances.
 */
import fc from "fast-check";
import { SendOutcome, type SendTarget } from "../src/broker/send-outcome.ts";
import { bankLedger } from "../src/runtime/processors/bank-ledger.ts";
import type { World } from "../src/sim/world.ts";

/** The model: expected balances by account, and the events produced so far. */
export interface LedgerModel {
  readonly balances: Map<string, number>;
  produced: number;
}

/** The system under test: one simulated deployment. */
export interface LedgerReal {
  readonly world: World;
}

type LedgerCommand = fc.Command<LedgerModel, LedgerReal>;

/** Sizes the commands draw from. */
export interface LedgerShape {
  readonly instances: number;
  readonly producers: number;
  readonly partitions: number;
  readonly keys: number;
}

const retriesMax = 50;

/** One tick of virtual time after each command; paused members past the timeout are removed. */
function tick(world: World, ticks = 1): void {
  world.clock.advance(ticks);
  world.expireSessions();
}

/** Apply `event` to the model exactly once, with the processor's own logic. */
function applyToModel(model: LedgerModel, event: ReturnType<typeof bankLedger.makeEvent>, dedupeId: string): void {
  const result = bankLedger.process({ get: (key) => model.balances.get(key) }, { dedupeId, key: event.key, payload: event.payload });
  for (const write of result.writes ?? []) {
    if (write.value === null) model.balances.delete(write.key);
    else model.balances.set(write.key, write.value);
  }
}

class Produce implements LedgerCommand {
  constructor(readonly producer: number, readonly account: number, readonly draw: number) {}
  check(): boolean {
    return true;
  }
  run(model: LedgerModel, { world }: LedgerReal): void {
    const event = bankLedger.makeEvent(this.account, this.draw, model.produced++);
    const producer = world.producerAt(this.producer);
    const sent = producer.produce(world.partitionOf(event.key), event.key, event.payload);
    for (let i = 0; producer.pending.length > 0 && i < retriesMax; i++) producer.retry(0);
    applyToModel(model, event, sent.dedupeId);
    tick(world);
  }
  toString(): string {
    return `produce(p${this.producer}, acct-${this.account}, ${this.draw})`;
  }
}

class Step implements LedgerCommand {
  constructor(readonly instance: number, readonly count: number) {}
  check(): boolean {
    return true;
  }
  run(_model: LedgerModel, { world }: LedgerReal): void {
    const host = world.hostAt(this.instance);
    for (let i = 0; i < this.count; i++) host.step();
    tick(world);
  }
  toString(): string {
    return `step(i${this.instance}, ${this.count})`;
  }
}

class Tick implements LedgerCommand {
  constructor(readonly ticks: number) {}
  check(): boolean {
    return true;
  }
  run(_model: LedgerModel, { world }: LedgerReal): void {
    tick(world, this.ticks);
  }
  toString(): string {
    return `tick(${this.ticks})`;
  }
}

class LoseAck implements LedgerCommand {
  constructor(readonly target: SendTarget) {}
  check(): boolean {
    return true;
  }
  run(_model: LedgerModel, { world }: LedgerReal): void {
    world.network.arm(this.target, SendOutcome.ackLost);
    tick(world);
  }
  toString(): string {
    return `loseAck(${["input", "changelog", "output"][this.target]})`;
  }
}

/** A fault on one instance: crash, restart, leave, join, pause or resume. */
class InstanceFault implements LedgerCommand {
  constructor(readonly kind: "crash" | "restart" | "leave" | "join" | "pause" | "resume", readonly instance: number) {}
  check(): boolean {
    return true;
  }
  run(_model: LedgerModel, { world }: LedgerReal): void {
    const host = world.hostAt(this.instance);
    // Each applies only where it can, as eosim's interpreter does (otherwise a no-op).
    if (this.kind === "crash") {
      if (host.alive) host.crash();
    } else if (this.kind === "restart") {
      if (!host.alive) host.restart();
    } else if (this.kind === "leave") {
      if (host.alive && host.member) host.leave();
    } else if (this.kind === "join") {
      if (host.alive && !host.member) host.join();
    } else if (this.kind === "pause") {
      if (host.alive && !host.paused) host.pause();
    } else if (host.paused) host.resume();
    tick(world);
  }
  toString(): string {
    return `${this.kind}(i${this.instance})`;
  }
}

class Compact implements LedgerCommand {
  constructor(readonly partition: number) {}
  check(): boolean {
    return true;
  }
  run(_model: LedgerModel, { world }: LedgerReal): void {
    world.compactChangelog(world.partitionAt(this.partition));
    tick(world);
  }
  toString(): string {
    return `compact(${this.partition})`;
  }
}

/** The command arbitrary, weighted like a hand-written test would be: mostly work, some faults. */
export function ledgerCommand(shape: LedgerShape): fc.Arbitrary<LedgerCommand> {
  const instance = fc.nat({ max: shape.instances - 1 });
  const faults = ["crash", "restart", "leave", "join", "pause", "resume"] as const;
  return fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.nat({ max: shape.producers - 1 }), fc.nat({ max: shape.keys - 1 }), fc.nat({ max: 999 })).map(([p, k, d]): LedgerCommand => new Produce(p, k, d)) },
    { weight: 12, arbitrary: fc.tuple(instance, fc.integer({ min: 1, max: 8 })).map(([i, n]): LedgerCommand => new Step(i, n)) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 20 }).map((t): LedgerCommand => new Tick(t)) },
    { weight: 2, arbitrary: fc.constantFrom<SendTarget>(0, 1, 2).map((t): LedgerCommand => new LoseAck(t)) },
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...faults), instance).map(([kind, i]): LedgerCommand => new InstanceFault(kind, i)) },
    { weight: 1, arbitrary: fc.nat({ max: shape.partitions - 1 }).map((p): LedgerCommand => new Compact(p)) },
  );
}

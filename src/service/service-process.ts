/**
 * A user's service as one instance of the world (the other implementation of the seam in
 * `core/service-instance.ts`). Each start is a new {@link Life}: the service's modules are
 * evaluated afresh in the world's sandbox (its own module state, its own Kafka client), with
 * `kafkajs` bound to a port on this instance's broker and group clients, a store on this
 * instance's disk, and the world's external database across the network. A step settles one ready operation and drains the sandbox; a crash drops
 * the life, so every promise it was waiting on stays pending forever.
 *
 * The run stops with a {@link ServiceError} (exit 2) when the service leaves the simulation:
 * real I/O, an unsupported API, a timer callback that throws, or waiting on a promise nothing
 * in the simulation will ever settle.
 */
import type { BrokerClient } from "../broker/broker-client.ts";
import type { GroupClient } from "../broker/group-client.ts";
import type { VirtualClock } from "../core/clock.ts";
import type { History } from "../core/history.ts";
import type { Streams } from "../core/prng.ts";
import type { NetworkFaults } from "../faults/network.ts";
import type { ServiceInstance, ShutdownState } from "../core/service-instance.ts";
import { WorldDatabasePort } from "./database-port.ts";
import type { ExternalDatabase } from "./external-database.ts";
import { aimedServicePoint, Life, OperationKind, type PointsStoodAt, serviceCrashPoints } from "./life.ts";
import type { ServiceConfig } from "./service-config.ts";
import type { ServiceDisk } from "./service-disk.ts";
import { messageOf, ServiceError } from "./service-error.ts";
import type { ServiceSandbox } from "./service-sandbox.ts";
import { WorldStorePort } from "./store-port.ts";
import { msAt } from "./virtual-time.ts";
import { WorldPort } from "./world-port.ts";

/** What an instance is built with. */
export interface ServiceEnvironment {
  readonly config: ServiceConfig;
  readonly partitions: number;
  readonly clock: VirtualClock;
  readonly history: History;
  readonly streams: Streams;
  readonly shared: ServiceSandbox;
  /** The world's external database and the network to it. */
  readonly database: ExternalDatabase;
  readonly network: NetworkFaults;
  /** The index of the intent being played (for messages). */
  readonly step: () => number;
  /** The crash points the world's instances stood at. */
  readonly stoodAt: PointsStoodAt;
}

const visibleKinds = new Set<number>(Object.values(OperationKind).filter((kind) => kind !== OperationKind.timer && kind !== OperationKind.heartbeat && kind !== OperationKind.groupRead));

const kindNames = Object.fromEntries(Object.entries(OperationKind).map(([name, code]) => [code, name]));

export class ServiceProcess implements ServiceInstance {
  readonly crashPointNames = serviceCrashPoints;
  private life: Life | null = null;
  private storePort: WorldStorePort | null = null;
  private lives = 0;
  private held = false;
  private contactTicks = 0;

  constructor(
    readonly id: number,
    private readonly env: ServiceEnvironment,
    private readonly broker: BrokerClient,
    private readonly group: GroupClient,
    readonly disk: ServiceDisk,
  ) {
    this.start();
  }

  /**
   * Ticks of the last contact with the coordinator. A consumer that long-polls or joins is in
   * contact, and so is one with an answer ready that the simulator has not given it yet (the
   * delay is the schedule's, not the service's): only time the service spends waiting on
   * its own (a timer in a long handler) without a heartbeat counts against its session.
   */
  lastContactTicks(): number {
    const life = this.life;
    if (life !== null && (life.waitsOn(OperationKind.fetch) || life.waitsOn(OperationKind.join) || life.crashPoint() !== 0)) this.contactTicks = this.env.clock.nowTicks;
    return this.contactTicks;
  }

  /**
   * Settle one ready operation. True when it did something the world sees (read input,
   * wrote, committed, restored, joined or left); a timer firing or a heartbeat is not
   * progress, so a consumer idling in kafkajs's poll loop does not keep the drain going.
   */
  step(): boolean {
    const life = this.life;
    if (life === null) return false;
    const shared = this.env.shared;
    shared.current = life;
    const settled = life.settleOne();
    if (settled) shared.sandbox.drain();
    shared.current = null;
    this.check(life);
    return settled && visibleKinds.has(life.lastSettled) && !life.lastSettledQuiet;
  }

  kill(): void {
    this.life = null;
    this.storePort = null;
  }

  /**
   * Whether the running life restored or wrote `partition`'s namespaces since it last joined
   * the group (so its local copy is the one it works on).
   */
  workedOn(partition: number): boolean {
    return this.storePort?.touched.has(partition) ?? false;
  }

  start(): void {
    const env = this.env;
    const life = new Life(this.id, ++this.lives, env.streams.get(`service/${this.id}/schedule`), env.streams.get(`service/${this.id}/random`), () => msAt(env.clock.nowTicks), env.stoodAt);
    this.life = life;
    this.contactTicks = env.clock.nowTicks;
    const shared = env.shared;
    const owner = {
      broker: this.broker,
      group: this.group,
      clock: env.clock,
      history: env.history,
      topics: env.config.topics,
      partitions: env.partitions,
      producerId: this.id * 4096 + this.lives,
      heldOut: () => this.held,
      contact: () => {
        this.contactTicks = env.clock.nowTicks;
      },
      joined: () => this.storePort?.touched.clear(),
    };
    shared.current = life;
    try {
      const kafkajs = shared.library.kafkajsModule(new WorldPort(life, owner));
      this.storePort = new WorldStorePort(life, this.disk, this.broker, this.group, env.partitions, env.config.topics.changelog !== undefined, env.database.facts, env.step);
      const store = shared.library.storeFacade(this.storePort);
      const database = shared.library.databaseFacade(new WorldDatabasePort(life, env.database, env.network));
      const exports = shared.registry.load(env.config.module, { kafkajs, store, database, random: () => life.random.next() });
      const startName = env.config.start;
      if (startName !== undefined) {
        const start = exports[startName] ?? (exports.default as Record<string, unknown> | undefined)?.[startName];
        if (typeof start !== "function") throw new ServiceError(`service module ${env.config.module} has no export "${startName}" to start it with`);
        const Kafka = kafkajs.Kafka as new (config: unknown) => unknown;
        const kafka = new Kafka({ clientId: `instance-${this.id}`, brokers: ["eosim:9092"] });
        const started = (start as (deps: unknown) => unknown)({ kafka, store, database, instance: this.id });
        shared.library.watchRejection(started, (error) => {
          if (!life.exited) life.fatal ??= `its start function rejected: ${messageOf(error)}`;
        });
      }
      shared.sandbox.drain();
    } catch (error) {
      const where = `instance ${this.id} (life ${life.number}, step ${env.step() + 1} of the schedule)`;
      if (error instanceof ServiceError) throw new ServiceError(`${where}: ${error.message}`);
      throw new ServiceError(`${where}: the service threw while starting: ${messageOf(error)}`);
    } finally {
      shared.current = null;
    }
    this.check(life);
  }

  /**
   * A graceful leave. A service that handles SIGTERM gets one, and its own code shuts it
   * down (a kafkajs `disconnect` leaves the group after the batches in hand), as when a deploy
   * stops it; the host then replaces the process once it exits. Otherwise the instance leaves
   * the group and stays out until it joins again.
   */
  leave(): void {
    const life = this.life;
    if (life !== null && life.processEvents.has("SIGTERM")) {
      this.terminate(life);
      return;
    }
    this.held = true;
    this.group.leave();
  }

  shutdown(): ShutdownState {
    const life = this.life;
    return life === null || !life.stopping ? "running" : life.exited ? "exited" : "stopping";
  }

  /** Deliver SIGTERM to the life and run what its listeners start. */
  private terminate(life: Life): void {
    life.stopping = true;
    const shared = this.env.shared;
    shared.current = life;
    shared.signal(life, "SIGTERM");
    shared.sandbox.drain();
    shared.current = null;
    this.check(life);
  }

  join(): void {
    this.held = false;
    this.group.join();
  }

  aimAt(aim: number): number {
    return aimedServicePoint(this.env.stoodAt, aim);
  }

  crashPoint(): number {
    return this.life?.crashPoint() ?? 0;
  }

  isAt(point: number): boolean {
    return this.life?.isAt(point) ?? false;
  }

  /**
   * At the end of the drain: a handler still running when the world has nothing left to do
   * awaits something nothing in the simulation will settle.
   */
  checkFinished(): void {
    const life = this.life;
    if (life === null || life.handlers <= 0 || life.crashPoint() !== 0 || life.timerCount > 0) return;
    throw new ServiceError(
      `instance ${this.id} (life ${life.number}): a handler (eachMessage/eachBatch) has not finished and nothing in the simulation can finish it (it awaits real I/O, a promise from outside the simulation, or one nothing resolves)`,
    );
  }

  /**
   * After the life's code ran: stop the run when it left the simulation or can never move
   * again, and note the exit of a life shutting down whose event loop emptied.
   */
  private check(life: Life): void {
    const where = `instance ${this.id} (life ${life.number}, step ${this.env.step() + 1} of the schedule)`;
    if (life.fatal !== null) throw new ServiceError(`${where}: ${life.fatal}`);
    // A process shutting down exits once nothing is left in its event loop, as Node's does.
    if (life.stopping && life.pending === 0 && life.timerCount === 0) life.exited = true;
    if (life.exited) return;
    if (life.consuming && life.pending === 0 && life.timerCount === 0) {
      const last = life.lastSettled < 0 ? "its start" : `a settled ${kindNames[life.lastSettled]}`;
      throw new ServiceError(
        `${where} waits on a promise eosim does not settle (real I/O, a promise from outside the simulation, or one nothing resolves), after ${last}`,
      );
    }
  }
}

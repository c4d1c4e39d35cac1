/**
 * The shape of a scenario's schedules: what the schedule generator (`schedule-arbitrary.ts`,
 * `workload-arbitrary.ts`) needs to know about the world and the scenario's options. Plain
 * data, resolved once when a scenario is loaded (`scenario/scenario.ts`).
 */
import type { FaultKind, FaultMix } from "../faults/fault-kind.ts";
import type { Schedule } from "./intent.ts";

/** What the schedule generator needs to know about the world. */
export interface ScheduleShape {
  readonly instances: number;
  readonly producers: number;
  readonly partitions: number;
  readonly keys: number;
  /** Fault kinds that may appear. */
  readonly faults: readonly FaultKind[];
  /** Intents per schedule; with {@link ScheduleShape.events}, the intents other than produce. */
  readonly minIntents: number;
  readonly maxIntents: number;
  /**
   * Produce intents per schedule, on top of the other intents (the scenario's
   * `workload.events`). Absent: produce intents are drawn with the rest of the mix.
   */
  readonly events?: { readonly min: number; readonly max: number };
  /**
   * Relative weights of the processor's event kinds, by index (the scenario's `workload.mix`).
   * Absent: produce intents carry no kind and the processor picks it from the draw.
   */
  readonly eventKindWeights?: readonly number[];
  /** The service reaches an external database across the network (faults may target its requests). Absent: it does not. */
  readonly database?: true;
  /**
   * The aims an aimed crash draws from (1 to this): a service's crash points but idle. Absent:
   * the reference runtime's 8, so its schedules are the ones it always generated.
   */
  readonly crashAims?: number;
  /** Largest distance of upstream re-publishing, in events. */
  readonly republishDistanceMax: number;
  /** Fixed weights per fault kind instead of a swarm draw per schedule. */
  readonly faultWeights?: FaultMix;
  /** A fixed schedule (a regression scenario): every run is exactly this one. */
  readonly fixed?: Schedule;
}

/**
 * The shape of a fault kind's module (the way Jepsen packages a nemesis with its generator):
 * everything about one kind of fault in one file under `src/faults/`.
 *
 * - `intents`: the intents the kind adds to the alphabet of schedules, declared (see
 *   `fault-intent.ts`) with how each reads and applies to the world.
 * - `draws`: what a schedule's mix draws when the kind is on, in order, each at the kind's
 *   weight. Usually the kind's own intents, sometimes another's (a lost ACK comes with
 *   retries of the oldest pending send, a disk wipe with restarts). The order and the field
 *   ranges are part of what a seed generates: change them and every seed changes.
 * - `heal`: how the heal phase undoes the kind's lasting effects (the registry says in which
 *   order kinds heal). Called whether or not the kind was on: fixed schedules carry intents
 *   of kinds their mix does not weigh.
 * - `settings`: run settings the kind changes when its weight in the run is above 0 (a kind
 *   can be a setting rather than intents, like turning the idempotent producer off).
 * - `coverage`: what counts as the kind having bitten, read from the run's history: the ops
 *   whose records show it, optionally narrowed by a test over each such record (which may
 *   keep state across one run's records); or, for a setting, being on.
 */
import type { FaultWorld } from "./fault-world.ts";
import type { IntentDecl, IntentDraw, LooseIntent } from "./fault-intent.ts";

/** Settings of a run that fault kinds may change. */
export interface FaultSettings {
  /** The broker deduplicates sequenced producer retries. */
  readonly idempotentProducer: boolean;
  /** Chance that the log cleaner runs on a changelog partition just before a restore reads from it. */
  readonly cleanerChancePerFetch: number;
  /** While the cleaner races restores, a changelog fetch returns this share (1 / divisor) of the records asked for (0: all). */
  readonly changelogFetchDivisor?: number;
}

/** The settings of a run no fault kind changed. */
export const defaultFaultSettings: FaultSettings = { idempotentProducer: true, cleanerChancePerFetch: 0, changelogFetchDivisor: 0 };

/** What a coverage test may know of a run besides its history records. */
export interface CoverageRun {
  /** Partitions of the run's topics. */
  readonly partitions: number;
  /** The schedule's intent at `index` (an `Op.intent` record's `a`). */
  intentAt(index: number): LooseIntent;
}

/** A test over one history record (`op`, `a`, `b`, `c`, see `core/history.ts`): true when it shows the fault bit. */
export type RecordTest = (op: number, a: number, b: number, c: number) => boolean;

/** What counts as a fault kind having bitten in a run. */
export type FaultCoverage =
  | {
      /** History ops whose records can show it. */
      readonly ops: readonly number[];
      /**
       * A fresh test for one run, shown that run's records with one of `ops` in order until
       * it returns true. Absent: any such record shows it.
       */
      readonly bit?: (run: CoverageRun) => RecordTest;
    }
  | {
      /** A run setting: reached in every run whose mix turns it on. */
      readonly whenOn: true;
    };

/** One fault kind's module. */
export interface FaultModule<K extends string = string, I extends readonly IntentDecl[] = readonly IntentDecl[]> {
  /** The kind's name in scenarios, fault mixes, coverage labels (`fault:<kind>`) and repro files. */
  readonly kind: K;
  /** One line, for listings and reports. */
  readonly description: string;
  /** The intents this kind adds (none for a kind that is only a run setting). */
  readonly intents: I;
  /** What the kind adds to a schedule's mix, in order, each at the kind's weight. */
  readonly draws: readonly IntentDraw[];
  /** Undo the kind's lasting effects (the heal phase). */
  readonly heal?: (world: FaultWorld) => void;
  /** Settings of a run in which the kind's weight is `weight` (> 0). */
  readonly settings?: (weight: number) => Partial<FaultSettings>;
  readonly coverage: FaultCoverage;
}

/** Declare a fault kind's module (keeps its kind and intents as literal types). */
export function defineFault<const K extends string, const I extends readonly IntentDecl[]>(module: FaultModule<K, I>): FaultModule<K, I> {
  return module;
}

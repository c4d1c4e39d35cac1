/**
 * Checker results. Every checker is a pure function of a finished run's view (history plus
 * public world view) returning a {@link Verdict}; a checker that throws yields `"unknown"`
 * with the error as its anomaly, so a broken checker is reported, never hidden.
 */
import type { WorldView } from "../sim/world-view.ts";
import type { CheckContext } from "./check-context.ts";

/** One thing a checker found wrong. */
export interface Anomaly {
  /** Anomaly name, e.g. `state-divergence`, `lost-output`, `duplicate`. */
  readonly kind: string;
  readonly partition?: number;
  readonly offset?: number;
  /** State key the anomaly concerns, when there is one (a scenario's own invariants report it). */
  readonly key?: string;
  /**
   * Schedule step (1-based intent number) after which the anomaly was first observable; a
   * value past the last intent means during heal or drain.
   */
  readonly step?: number;
  /** Dedupe ID of the input the anomaly points at, when there is one. */
  readonly dedupeId?: string;
  /** Human-readable description. */
  readonly detail: string;
}

/** A checker's verdict. */
export interface Verdict {
  readonly checker: string;
  readonly valid: true | false | "unknown";
  readonly anomalies: readonly Anomaly[];
}

/** Whether a checker judges safety (what happened) or liveness (whether it finished). */
export type CheckerClass = "safety" | "liveness";

/** A named oracle. */
export interface Checker {
  readonly name: string;
  readonly class: CheckerClass;
  /** Judge a finished run: its plain data, and the context shared by the run's checkers. */
  check(view: WorldView, context: CheckContext): readonly Anomaly[];
}

/** Run one checker, turning a throw into an "unknown" verdict whose anomaly names the checker (a scenario's invariant included). */
export function runChecker(checker: Checker, view: WorldView, context: CheckContext): Verdict {
  try {
    const anomalies = checker.check(view, context);
    return { checker: checker.name, valid: anomalies.length === 0, anomalies };
  } catch (error) {
    const detail = `checker ${checker.name} threw: ${error instanceof Error ? error.message : String(error)}`;
    return { checker: checker.name, valid: "unknown", anomalies: [{ kind: "checker-error", detail }] };
  }
}

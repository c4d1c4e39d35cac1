/**
 * Checker results. Every checker is a pure function of a finished run's view (history plus
 * public world view) returning a {@link Verdict}; a checker that throws yields `"unknown"`
 * with the error as its anomaly, so a broken checker is reported, never hidden.
 *
 * A verdict also says how much the checker judged (its {@link Evidence}: commits, restores,
 * outputs, ...). A checker that judged nothing passes whatever happened, so a checker names
 * the evidence a run must have given it ({@link EvidenceRule}), read from what the world
 * records at its boundaries apart from that evidence; a run that should have given some and
 * gave none is eosim's blindness (a record not written, a view not filled), thrown as a
 * {@link HarnessError} (exit 4), never a pass.
 */
import { HarnessError } from "../core/invariant.ts";
import { thrownMessage } from "../core/one-line.ts";
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

/** How much a checker judged, by what it judged: e.g. `{ commits: 12 }`. */
export type Evidence = Readonly<Record<string, number>>;

/** Where a checker writes its {@link Evidence} while it judges (one fresh object per checker and run). */
export type EvidenceTally = Record<string, number>;

/**
 * When a checker cannot have judged none of one kind of evidence. Asked only when that count
 * is 0, so a run that gave the checker evidence pays nothing for the rule.
 */
export interface EvidenceRule {
  /** The evidence count (a key of the checker's {@link Evidence}) that must not be 0. */
  readonly what: string;
  /**
   * Why `view` must have given the checker some, read from records of the world's boundaries
   * other than the evidence itself (e.g. "instance 0 read input of partition 1"); null when
   * this run may legitimately have none.
   */
  readonly required: (view: WorldView) => string | null;
}

/** A checker's verdict. */
export interface Verdict {
  readonly checker: string;
  readonly valid: true | false | "unknown";
  readonly anomalies: readonly Anomaly[];
  /** How much the checker judged (what it reached before it threw, for an "unknown" verdict). */
  readonly evidence: Evidence;
}

/** Whether a checker judges safety (what happened) or liveness (whether it finished). */
export type CheckerClass = "safety" | "liveness";

/** A named oracle. */
export interface Checker {
  readonly name: string;
  readonly class: CheckerClass;
  /**
   * Judge a finished run: its plain data, and the context shared by the run's checkers;
   * write into `evidence` how much was judged.
   */
  check(view: WorldView, context: CheckContext, evidence: EvidenceTally): readonly Anomaly[];
  /** The evidence a run must give this checker (none: it may judge nothing). */
  readonly mustJudge?: readonly EvidenceRule[];
}

/**
 * Run one checker, turning a throw into an "unknown" verdict whose anomaly names the checker
 * (a scenario's invariant included). Throws a {@link HarnessError} when the checker judged
 * none of what one of its rules says this run must have given it.
 */
export function runChecker(checker: Checker, view: WorldView, context: CheckContext): Verdict {
  const evidence: EvidenceTally = {};
  let anomalies: readonly Anomaly[];
  try {
    anomalies = checker.check(view, context, evidence);
  } catch (error) {
    // A scenario's invariant is user code: what it throws may have no string form.
    const detail = `checker ${checker.name} threw: ${thrownMessage(error)}`;
    return { checker: checker.name, valid: "unknown", anomalies: [{ kind: "checker-error", detail }], evidence };
  }
  // Outside the try: eosim's blindness is its own failure, not a checker's "unknown".
  requireEvidence(checker, view, evidence);
  return { checker: checker.name, valid: anomalies.length === 0, anomalies, evidence };
}

/** Throw when `checker` judged none of what one of its rules requires of `view`. */
function requireEvidence(checker: Checker, view: WorldView, evidence: Evidence): void {
  for (const rule of checker.mustJudge ?? []) {
    if ((evidence[rule.what] ?? 0) > 0) continue;
    const reason = rule.required(view);
    if (reason === null) continue;
    throw new HarnessError(`checker ${checker.name} judged no ${rule.what}, yet ${reason}: eosim recorded nothing for it to judge, so the run would have passed unjudged`);
  }
}

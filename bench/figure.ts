/**
 * Benchmark figures: every number the benchmark reports is the median of several
 * repetitions measured in one process, with its unit and the repetitions themselves, so a
 * reader can see the spread (this machine may be shared; the report records its load).
 */

/** One reported number. */
export interface Figure {
  /** Median of `repetitions` (null when nothing was measured, e.g. a bug never found). */
  readonly value: number | null;
  readonly unit: string;
  readonly repetitions: readonly number[];
  /** The true value is at least `value` (a search that ran out of budget counted as its budget). */
  readonly atLeast?: boolean;
}

/** The median of `values`; Infinity counts (a search that ran out of budget). Null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Round to `digits` significant digits for reports; numbers of `digits` or more integer digits round to integers. */
export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  if (magnitude >= digits - 1) return Math.round(value);
  const scale = 10 ** (digits - magnitude - 1);
  return Math.round(value * scale) / scale;
}

/** A figure from repetitions (an infinite median, a budget ran out, is reported as null). */
export function figure(repetitions: readonly number[], unit: string): Figure {
  const m = median(repetitions);
  return { value: m === null || !Number.isFinite(m) ? null : round(m), unit, repetitions: repetitions.map((r) => (Number.isFinite(r) ? round(r) : -1)) };
}

/** A ratio of two medians; null when either is missing or the denominator is not positive. */
export function ratioFigure(numerator: number | null, denominator: number | null, unit: string, atLeast = false): Figure {
  const known = numerator !== null && denominator !== null && Number.isFinite(numerator) && Number.isFinite(denominator) && denominator > 0;
  return { value: known ? round(numerator / denominator) : null, unit, repetitions: [], ...(known && atLeast ? { atLeast } : {}) };
}

/** Seconds taken by `work`, and its result. */
export function timed<T>(work: () => T): { seconds: number; result: T } {
  const started = performance.now();
  const result = work();
  return { seconds: (performance.now() - started) / 1000, result };
}

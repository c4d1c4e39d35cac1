/**
 * Progress of a long `eosim run`, one scenario at a time. On a terminal: a progress bar per
 * scenario (cli-progress) with schedules done/total, schedules per second, failures so far
 * and time left, cleared when the scenario ends so its result line takes its place. Off a
 * terminal (CI logs, pipes): a plain line every few seconds, and nothing for scenarios that
 * finish sooner, so short runs stay quiet and logs stay greppable.
 *
 * Progress goes to stderr: stdout carries the results (and with `--json`, only the JSON).
 * The runner calls back once per schedule from its hot loop, so every update is throttled
 * by the clock before anything is formatted.
 */
import cliProgress from "cli-progress";
import type { Paint } from "./colour.ts";

/** Where progress is written and how. */
export interface ProgressOptions {
  readonly stream: NodeJS.WritableStream & { readonly isTTY?: boolean };
  /** Draw a bar (a terminal) or print plain lines. */
  readonly interactive: boolean;
  /** Seconds between plain lines. Default 5. */
  readonly lineIntervalSeconds?: number;
  /** The run's time limit per scenario, which bounds "time left". */
  readonly timeLimitSeconds?: number;
  readonly paint: Paint;
  /** Milliseconds since some fixed point (injectable for tests). */
  readonly now?: () => number;
}

/** The progress of one scenario; `update` is the runner's `onProgress`. */
export interface ScenarioProgress {
  readonly update: (done: number, total: number, failures: number) => void;
  /** Remove the bar (if any) before the scenario's result is printed. */
  stop(): void;
}

/** "12s", "3m05s", or "-" while unknown. */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "-";
  const s = Math.ceil(seconds);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
}

/** Schedules per second and seconds left, from what is done after `elapsedSeconds`. */
export function rateAndLeft(done: number, total: number, elapsedSeconds: number, timeLimitSeconds?: number): { rate: number; left: number } {
  const rate = elapsedSeconds > 0 ? done / elapsedSeconds : 0;
  let left = rate > 0 ? (total - done) / rate : Number.POSITIVE_INFINITY;
  if (timeLimitSeconds !== undefined) left = Math.min(left, Math.max(0, timeLimitSeconds - elapsedSeconds));
  return { rate, left };
}

/** One plain progress line. */
export function progressLine(name: string, done: number, total: number, failures: number, rate: number, left: number): string {
  return `  ${name}: ${done}/${total} schedules, ${Math.round(rate)}/s, ${failures} failure(s), ${formatSeconds(left)} left`;
}

const barRefreshMs = 100;

function barProgress(name: string, options: ProgressOptions, now: () => number): ScenarioProgress {
  const bar = new cliProgress.SingleBar({
    stream: options.stream,
    format: `${options.paint("bold", name)} {bar} {value}/{total} schedules | {rate}/s | {failures} | {left} left`,
    barsize: 24,
    hideCursor: true,
    clearOnComplete: true,
    stopOnComplete: false,
    etaBuffer: 50,
  }, cliProgress.Presets.shades_classic);
  const started = now();
  let last = -Infinity;
  let running = false;
  return {
    update(done, total, failures) {
      const t = now();
      if (t - last < barRefreshMs && failures === 0) return;
      last = t;
      const { rate, left } = rateAndLeft(done, total, (t - started) / 1000, options.timeLimitSeconds);
      const failed = failures === 0 ? "0 failures" : options.paint("red", `${failures} failure(s), shrinking`);
      const payload = { rate: Math.round(rate), failures: failed, left: formatSeconds(left) };
      if (!running) bar.start(total, done, payload);
      else bar.update(done, payload);
      running = true;
    },
    stop() {
      if (running) bar.stop();
    },
  };
}

function lineProgress(name: string, options: ProgressOptions, now: () => number): ScenarioProgress {
  const intervalMs = (options.lineIntervalSeconds ?? 5) * 1000;
  const started = now();
  let next = started + intervalMs;
  return {
    update(done, total, failures) {
      const t = now();
      if (t < next) return;
      next = t + intervalMs;
      const { rate, left } = rateAndLeft(done, total, (t - started) / 1000, options.timeLimitSeconds);
      options.stream.write(`${progressLine(name, done, total, failures, rate, left)}\n`);
    },
    stop() {},
  };
}

/** Start showing the progress of scenario `name`. */
export function startProgress(name: string, options: ProgressOptions): ScenarioProgress {
  const now = options.now ?? (() => performance.now());
  return options.interactive ? barProgress(name, options, now) : lineProgress(name, options, now);
}

/** A progress that shows nothing (`--quiet` off a terminal, `--json`). */
export const noProgress: ScenarioProgress = { update() {}, stop() {} };

/**
 * kafkajs 2.2.4's retrier (src/retry/index.js), line for line: the first attempt runs at
 * once; after a retriable failure the next attempt waits `retryTime`, which starts at
 * `initialRetryTime` randomized by `factor` and grows by `multiplier` (randomized again) up
 * to `maxRetryTime`. After `retries` retries the retrier rejects with
 * KafkaJSNumberOfRetriesExceeded (cause: the last error); a non-retriable error rejects at
 * once, wrapped in KafkaJSNonRetriableError; `bail(e)` rejects with `e` as it is.
 *
 * Inside the sandbox `setTimeout` and `Math.random` are the simulator's, so backoff and
 * jitter are virtual and replay with the seed.
 */
import { KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded } from "./errors.ts";

/** kafkajs's RetryOptions (restartOnFailure is read by the consumer, not by the retrier). */
export interface RetryOptions {
  maxRetryTime?: number;
  initialRetryTime?: number;
  factor?: number;
  multiplier?: number;
  retries?: number;
  restartOnFailure?: (e: Error) => Promise<boolean>;
}

/** kafkajs's defaults (src/retry/defaults.js). */
export const retryDefaults = { maxRetryTime: 30_000, initialRetryTime: 300, factor: 0.2, multiplier: 2, retries: 5 } as const;

/** One attempt: `bail` stops retrying, `retryCount` counts earlier attempts. */
export type Attempt<T> = (bail: (e?: Error) => void, retryCount: number, retryTime: number) => Promise<T>;

/** Runs an attempt until it succeeds, bails, fails for good or runs out of retries. */
export type Retrier = <T>(attempt: Attempt<T>) => Promise<T>;

const unrecoverable = ["RangeError", "ReferenceError", "SyntaxError", "TypeError"];

function isRetriable(e: unknown): boolean {
  const error = e as { retriable?: unknown; name?: unknown } | null;
  if (error === null || typeof error !== "object") return true;
  return (Boolean(error.retriable) || error.retriable !== false) && !unrecoverable.includes(String(error.name));
}

function randomFromRetryTime(factor: number, retryTime: number): number {
  const delta = factor * retryTime;
  const min = retryTime - delta;
  return Math.ceil(Math.random() * (retryTime + delta - min) + min);
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

/** A retrier with kafkajs's defaults overridden by `options`. */
export function createRetry(options: RetryOptions = {}): Retrier {
  const { factor, multiplier, maxRetryTime, retries, initialRetryTime } = { ...retryDefaults, ...options };
  return <T>(attempt: Attempt<T>) =>
    new Promise<T>((resolve, reject) => {
      let aborted = false;
      const bail = (e?: Error) => {
        aborted = true;
        reject(e ?? new Error("Aborted"));
      };
      const run = (retryTime: number, retryCount: number): void => {
        if (aborted) return;
        const nextRetryTime = Math.min(randomFromRetryTime(factor, retryTime) * multiplier, maxRetryTime);
        attempt(bail, retryCount, retryTime).then(resolve, (e: unknown) => {
          const error = asError(e);
          if (!isRetriable(e)) reject(new KafkaJSNonRetriableError(error, { cause: (error.cause as Error | undefined) ?? error }));
          else if (retryCount < retries) setTimeout(() => run(nextRetryTime, retryCount + 1), retryTime);
          else reject(new KafkaJSNumberOfRetriesExceeded(error, { retryCount, retryTime }));
        });
      };
      run(randomFromRetryTime(factor, initialRetryTime), 0);
    });
}


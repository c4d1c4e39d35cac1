/**
 * kafkajs's logger shape and log levels. The simulated client logs nothing: a service's
 * `kafka.logger().info(...)` is accepted and discarded (the run's history, not a log, is
 * what eosim reports).
 */

/** kafkajs's `logLevel` values. */
export const logLevel = { NOTHING: 0, ERROR: 1, WARN: 2, INFO: 4, DEBUG: 5 } as const;

/** kafkajs's Logger. */
export interface Logger {
  info: (message: string, extra?: object) => void;
  error: (message: string, extra?: object) => void;
  warn: (message: string, extra?: object) => void;
  debug: (message: string, extra?: object) => void;
  namespace: (namespace: string, logLevel?: number) => Logger;
  setLogLevel: (logLevel: number) => void;
}

/** A logger that discards everything. */
export function silentLogger(): Logger {
  const ignore = (): void => undefined;
  const logger: Logger = { info: ignore, error: ignore, warn: ignore, debug: ignore, namespace: () => logger, setLogLevel: ignore };
  return logger;
}

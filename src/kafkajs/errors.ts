/**
 * kafkajs 2.2.4's error classes (src/errors.js), with the same names, fields and
 * retriability, so a service's `catch (e) { if (e instanceof KafkaJSProtocolError) ... }`,
 * `e.name === "KafkaJSNumberOfRetriesExceeded"` and `e.retriable` checks behave as with the
 * real client. Only the classes a service can meet here, or may name in a check, are kept.
 * Classes hold no state between instances, so one set serves every instance life.
 */

/** What the constructor of a kafkajs error takes besides the message. */
export interface KafkaJSErrorOptions {
  readonly retriable?: boolean;
  readonly cause?: Error;
}

/** The message of `e`, as kafkajs reads it (`e.message || e`). */
function messageOf(e: Error | string): string {
  return typeof e === "string" ? e : e.message || String(e);
}

/** Base class of every kafkajs error; `retriable` defaults to true as in kafkajs. */
export class KafkaJSError extends Error {
  override readonly name: string = "KafkaJSError";
  readonly retriable: boolean;
  readonly helpUrl?: string;
  override readonly cause?: Error;

  constructor(e: Error | string, { retriable = true, cause }: KafkaJSErrorOptions = {}) {
    super(messageOf(e), cause === undefined ? undefined : { cause });
    this.message = messageOf(e);
    this.retriable = retriable;
    this.cause = cause;
    if (typeof e !== "string" && "helpUrl" in e && typeof e.helpUrl === "string") this.helpUrl = e.helpUrl;
  }
}

/** An error no retrier retries. */
export class KafkaJSNonRetriableError extends KafkaJSError {
  override readonly name: string = "KafkaJSNonRetriableError";
  constructor(e: Error | string, { cause }: { cause?: Error } = {}) {
    super(e, { retriable: false, cause });
  }
}

/** A protocol error description (one row of kafkajs's error table). */
export interface ProtocolErrorInfo {
  readonly type: string;
  readonly code: number;
  readonly retriable: boolean;
  readonly message: string;
}

/** An error the broker or coordinator answered with: `type`, `code` and `retriable` from the table. */
export class KafkaJSProtocolError extends KafkaJSError {
  override readonly name: string = "KafkaJSProtocolError";
  readonly type: string;
  readonly code: number;
  constructor(e: ProtocolErrorInfo | Error | string, options: { retriable?: boolean } = {}) {
    const info = typeof e === "object" && "type" in e ? e : undefined;
    super(info ? info.message : (e as Error | string), { retriable: options.retriable ?? info?.retriable ?? true });
    this.type = info?.type ?? "UNKNOWN";
    this.code = info?.code ?? -1;
  }
}

/** OFFSET_OUT_OF_RANGE, with the partition it concerns. */
export class KafkaJSOffsetOutOfRange extends KafkaJSProtocolError {
  override readonly name: string = "KafkaJSOffsetOutOfRange";
  readonly topic: string;
  readonly partition: number;
  constructor(e: ProtocolErrorInfo | Error | string, { topic, partition }: { topic: string; partition: number }) {
    super(e);
    this.topic = topic;
    this.partition = partition;
  }
}

/** A retrier gave up: `cause` is the last error, `retryCount` and `retryTime` where it stopped. */
export class KafkaJSNumberOfRetriesExceeded extends KafkaJSNonRetriableError {
  override readonly name: string = "KafkaJSNumberOfRetriesExceeded";
  override stack: string;
  readonly retryCount: number;
  readonly retryTime: number;
  constructor(e: Error | string, { retryCount = 0, retryTime = 0 }: { retryCount?: number; retryTime?: number } = {}) {
    const error = typeof e === "string" ? new Error(e) : e;
    super(error, { cause: error });
    this.stack = `KafkaJSNumberOfRetriesExceeded\n  Caused by: ${error.stack ?? error.message}`;
    this.retryCount = retryCount;
    this.retryTime = retryTime;
  }
}

/** A connection-level failure (kept for services that check for it; the simulation raises none). */
export class KafkaJSConnectionError extends KafkaJSError {
  override readonly name: string = "KafkaJSConnectionError";
  readonly broker?: string;
  readonly code?: string;
  constructor(e: Error | string, { broker, code }: { broker?: string; code?: string } = {}) {
    super(e);
    this.broker = broker;
    this.code = code;
  }
}

/** A request that timed out on the client (kept for services that check for it). */
export class KafkaJSRequestTimeoutError extends KafkaJSError {
  override readonly name: string = "KafkaJSRequestTimeoutError";
}

/** Metadata not loaded yet (kept for services that check for it). */
export class KafkaJSMetadataNotLoaded extends KafkaJSError {
  override readonly name: string = "KafkaJSMetadataNotLoaded";
}

/** An API the client does not implement (kafkajs raises it for old brokers; kept for checks). */
export class KafkaJSNotImplemented extends KafkaJSNonRetriableError {
  override readonly name: string = "KafkaJSNotImplemented";
}

/** A timeout of a client-side wait (kept for services that check for it). */
export class KafkaJSTimeout extends KafkaJSNonRetriableError {
  override readonly name: string = "KafkaJSTimeout";
}

/** Several errors at once (kept for services that check for it). */
export class KafkaJSAggregateError extends Error {
  override readonly name: string = "KafkaJSAggregateError";
  readonly errors: (Error | string)[];
  constructor(message: Error | string, errors: (Error | string)[]) {
    super(messageOf(message));
    this.errors = errors;
  }
}

/** kafkajs's `isRebalancing`: errors after which a consumer must rejoin its group. */
export function isRebalancing(e: unknown): boolean {
  const type = (e as { type?: unknown } | null)?.type;
  return type === "REBALANCE_IN_PROGRESS" || type === "NOT_COORDINATOR_FOR_GROUP" || type === "ILLEGAL_GENERATION";
}

/** kafkajs's `isKafkaJSError`. */
export function isKafkaJSError(e: unknown): e is KafkaJSError {
  return e instanceof KafkaJSError;
}

/** The `type` of a protocol error, or undefined for any other value. */
export function errorType(e: unknown): string | undefined {
  const type = (e as { type?: unknown } | null)?.type;
  return typeof type === "string" ? type : undefined;
}

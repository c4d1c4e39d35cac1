/**
 * The processor contract, checked where it is cheap: once per call, on what the call returned.
 * `process()` returns, synchronously, an object whose `writes` (if any) is an array of
 * `{ key: string, value }` and whose `outputs` (if any) is an array; every value written or
 * output is plain data (see `core/plain-value.ts`), and comes back deep-frozen, so what
 * reaches the store and the broker can never change behind their backs. A breach is the
 * user's mistake, reported as bad input naming the processor, the input, the field and the
 * rule on one line, never as a safety failure of the runtime.
 */
import { PlainValueError, toPlainValue } from "../core/plain-value.ts";
import type { InputEvent, Processor, ProcessResult, WorkloadEvent } from "./processor.ts";
import { userCall, userCallDone } from "./user-call.ts";
import { ProcessorError, thrownText } from "./processor-error.ts";

function breachThrown(processor: Processor, event: InputEvent, rule: string): never {
  throw new ProcessorError(`processor "${processor.name}" broke its contract on input ${event.dedupeId} (key ${event.key}): ${rule}`);
}

/** Freeze `value` in place, or fail naming `field` and what is not plain about it. */
function plain(processor: Processor, event: InputEvent, field: string, value: unknown): void {
  try {
    toPlainValue(value);
  } catch (error) {
    if (!(error instanceof PlainValueError)) breachThrown(processor, event, `reading ${field} threw: ${thrownText(error)}`);
    breachThrown(processor, event, `${field} is not plain data (${error.problem}); use plain objects, arrays, strings, finite numbers, booleans and null`);
  }
}

function isPromiseLike(value: object): boolean {
  return typeof (value as { then?: unknown }).then === "function";
}

/**
 * Check what `processor.process` returned for `event`; returns it with its values frozen. The
 * result is the user's object: a getter or Proxy in it may throw while eosim reads it, and that
 * is the processor's breach too, not an error of eosim's.
 */
export function checkedResult(processor: Processor, event: InputEvent, result: unknown): ProcessResult<unknown, unknown> {
  try {
    return checkedShape(processor, event, result);
  } catch (error) {
    if (error instanceof ProcessorError) throw error;
    return breachThrown(processor, event, `reading what process() returned threw: ${thrownText(error)}`);
  }
}

function checkedShape(processor: Processor, event: InputEvent, result: unknown): ProcessResult<unknown, unknown> {
  if (typeof result !== "object" || result === null) {
    return breachThrown(processor, event, `process() returned ${result === null ? "null" : typeof result}, expected an object { writes?, outputs? }`);
  }
  if (isPromiseLike(result)) {
    return breachThrown(processor, event, "process() returned a promise: a processor must be synchronous and pure (test async handlers as a service)");
  }
  const { writes, outputs } = result as ProcessResult<unknown, unknown>;
  if (writes !== undefined) {
    if (!Array.isArray(writes)) breachThrown(processor, event, `writes must be an array of { key, value }, got ${typeof writes}`);
    for (let i = 0; i < writes.length; i++) {
      const write: unknown = writes[i];
      if (typeof write !== "object" || write === null) breachThrown(processor, event, `writes[${i}] must be { key, value }, got ${write === null ? "null" : typeof write}`);
      const { key, value } = write as { key: unknown; value: unknown };
      if (typeof key !== "string") breachThrown(processor, event, `writes[${i}].key must be a string, got ${typeof key}`);
      if (value !== null) plain(processor, event, `writes[${i}].value for key "${key}"`, value);
    }
  }
  if (outputs !== undefined) {
    if (!Array.isArray(outputs)) breachThrown(processor, event, `outputs must be an array, got ${typeof outputs}`);
    for (let i = 0; i < outputs.length; i++) plain(processor, event, `outputs[${i}]`, outputs[i]);
  }
  return result as ProcessResult<unknown, unknown>;
}

function eventBreach(processor: Processor, keyIndex: number, draw: number, eventTime: number, kind: string | undefined, rule: string): never {
  throw new ProcessorError(`processor "${processor.name}" makeEvent(${keyIndex}, ${draw}, ${eventTime}${kind === undefined ? "" : `, "${kind}"`}) ${rule}`);
}

/**
 * Build an input event with `processor.makeEvent`, checked: a throw, a key that is not a
 * string or a payload that is not plain data is the user's mistake, named on one line.
 */
export function builtEvent(processor: Processor, keyIndex: number, draw: number, eventTime: number, kind: string | undefined): WorkloadEvent<unknown> {
  // The message is built only on failure, and with no closure: this runs for every event.
  let event: unknown;
  userCall.what = "makeEvent";
  userCall.name = processor.name;
  try {
    event = processor.makeEvent(keyIndex, draw, eventTime, kind);
    userCallDone();
  } catch (error) {
    userCallDone();
    return eventBreach(processor, keyIndex, draw, eventTime, kind, `threw: ${thrownText(error)}`);
  }
  if (typeof event !== "object" || event === null) return eventBreach(processor, keyIndex, draw, eventTime, kind, `returned ${event === null ? "null" : typeof event}, expected { key, payload }`);
  try {
    if (isPromiseLike(event)) return eventBreach(processor, keyIndex, draw, eventTime, kind, "returned a promise: makeEvent must be synchronous and return { key, payload }");
    const { key, payload } = event as WorkloadEvent<unknown>;
    if (typeof key !== "string") return eventBreach(processor, keyIndex, draw, eventTime, kind, `returned a key that is not a string (${typeof key})`);
    toPlainValue(payload);
  } catch (error) {
    if (error instanceof ProcessorError) throw error;
    if (error instanceof PlainValueError) return eventBreach(processor, keyIndex, draw, eventTime, kind, `built a payload that is not plain data (${error.problem})`);
    return eventBreach(processor, keyIndex, draw, eventTime, kind, `returned an event that threw when read: ${thrownText(error)}`);
  }
  return event as WorkloadEvent<unknown>;
}

import { describe, expect, it } from "vitest";
import type { InputEvent, Processor } from "../../src/runtime/processor.ts";
import { builtEvent, checkedResult } from "../../src/runtime/processor-contract.ts";
import { ProcessorError } from "../../src/runtime/processor-error.ts";

const processor = { name: "p", makeEvent: () => ({ key: "k", payload: 1 }), process: () => ({}) } as Processor;
const event: InputEvent = { dedupeId: "p0-7", key: "acct-1", payload: {} };
const breach = (result: unknown) => () => checkedResult(processor, event, result);
const prefix = 'processor "p" broke its contract on input p0-7 (key acct-1): ';

describe("checkedResult", () => {
  it("accepts plain results and freezes their values", () => {
    const value = { balance: 3, history: [1, 2] };
    const output = { id: "x" };
    const result = checkedResult(processor, event, { writes: [{ key: "a", value }, { key: "b", value: null }], outputs: [output] });
    expect(result.writes?.[0].value).toBe(value);
    expect(Object.isFrozen(value) && Object.isFrozen(value.history) && Object.isFrozen(output)).toBe(true);
    expect(checkedResult(processor, event, {})).toEqual({});
  });

  it.each([
    [undefined, "process() returned undefined, expected an object { writes?, outputs? }"],
    [null, "process() returned null, expected an object { writes?, outputs? }"],
    [Promise.resolve({}), "process() returned a promise: a processor must be synchronous and pure (test async handlers as a service)"],
    [{ writes: 5 }, "writes must be an array of { key, value }, got number"],
    [{ writes: [null] }, "writes[0] must be { key, value }, got null"],
    [{ writes: [{ key: 7, value: 1 }] }, "writes[0].key must be a string, got number"],
    [{ writes: [{ key: "a", value: Number.NaN }] }, 'writes[0].value for key "a" is not plain data (NaN)'],
    [{ writes: [{ key: "a", value: undefined }] }, 'writes[0].value for key "a" is not plain data (undefined)'],
    [{ writes: [{ key: "a", value: { when: new Date(0) } }] }, 'writes[0].value for key "a" is not plain data (at .when: a Date)'],
    [{ outputs: "hello" }, "outputs must be an array, got string"],
    [{ outputs: [new Set()] }, "outputs[0] is not plain data (a Set)"],
  ])("refuses %o with one line naming the field and the rule", (result, rule) => {
    expect(breach(result)).toThrow(ProcessorError);
    expect(breach(result)).toThrow(prefix + rule);
  });
});

describe("builtEvent", () => {
  const withEvent = (makeEvent: Processor["makeEvent"]) => ({ ...processor, makeEvent }) as Processor;

  it("returns a checked event with its payload frozen", () => {
    const payload = { amount: 3 };
    const built = builtEvent(withEvent(() => ({ key: "k", payload })), 1, 2, 3, undefined);
    expect(built).toEqual({ key: "k", payload });
    expect(Object.isFrozen(payload)).toBe(true);
  });

  it("names makeEvent, its arguments and what is wrong", () => {
    expect(() => builtEvent(withEvent(() => { throw new Error("boom"); }), 1, 2, 3, "deposit")).toThrow('processor "p" makeEvent(1, 2, 3, "deposit") threw: boom');
    expect(() => builtEvent(withEvent(() => ({ key: 5, payload: 1 }) as never), 0, 0, 0, undefined)).toThrow("returned a key that is not a string (number)");
    expect(() => builtEvent(withEvent(() => ({ key: "k", payload: new Map() })), 0, 0, 0, undefined)).toThrow("built a payload that is not plain data (a Map)");
    expect(() => builtEvent(withEvent(() => undefined as never), 0, 0, 0, undefined)).toThrow("returned undefined, expected { key, payload }");
  });
});

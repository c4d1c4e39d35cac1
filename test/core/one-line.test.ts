// Text from user code for one-line messages: never spans lines, never throws while reading
// what was thrown.
import { describe, expect, it } from "vitest";
import { isError, oneLine, stackOf, thrownMessage } from "../../src/core/one-line.ts";

describe("oneLine", () => {
  it("escapes line breaks and control characters and keeps everything else", () => {
    expect(oneLine("two\nlines\r\tand\u0007 é🙂")).toBe("two\\nlines\\r\\tand\\u0007 é🙂");
    expect(oneLine("plain")).toBe("plain");
  });
});

describe("thrownMessage", () => {
  it("takes an Error's first non-empty line", () => {
    expect(thrownMessage(new Error("first\nsecond"))).toBe("first");
    expect(thrownMessage(new Error("\nsecond"))).toBe("second");
    expect(thrownMessage(new Error(""))).toBe("an Error with an empty message (Error)");
  });

  it("describes an Error whose message is not a string or cannot be read", () => {
    expect(thrownMessage(Object.assign(new Error("x"), { message: 42 }))).toBe("an Error whose message is not a string (number)");
    const hidden = new Error("x");
    Object.defineProperty(hidden, "message", { get: () => { throw new Error("getter"); } });
    expect(thrownMessage(hidden)).toBe("an Error whose message is unreadable");
  });

  it("keeps a thrown string on one line", () => {
    expect(thrownMessage("two\nlines")).toBe("two\\nlines");
  });

  it("describes values without a JSON or string form instead of throwing", () => {
    expect(thrownMessage({ code: 7 })).toBe('threw an object, not an Error: {"code":7}');
    expect(thrownMessage(Object.create(null))).toBe("threw an object, not an Error: {}");
    expect(thrownMessage(10n)).toBe("threw a bigint, not an Error: 10");
    const trap = new Proxy({}, { get() { throw new Error("proxy"); }, getPrototypeOf() { throw new Error("proxy"); } });
    expect(thrownMessage(trap)).toBe("threw an object, not an Error: a value without a string form (object)");
    let deep: unknown[] = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(thrownMessage(deep)).toMatch(/^threw an object, not an Error: /);
  });

  it("never reads a Proxy's prototype as an Error's", () => {
    const trap = new Proxy({}, { getPrototypeOf() { throw new Error("proxy"); } });
    expect(isError(trap)).toBe(false);
    expect(stackOf(trap)).toBeUndefined();
    expect(stackOf(Object.assign(new Error("x"), { stack: 5 }))).toBeUndefined();
  });
});

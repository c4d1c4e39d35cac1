import fc from "fast-check";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { HarnessError } from "../../src/core/invariant.ts";
import { freezePlain, PlainValueError, plainValueDepthMax, plainValueProblem, toPlainValue } from "../../src/core/plain-value.ts";

/** True when `value` and every object reachable through its own properties are frozen. */
function isDeepFrozen(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeepFrozen);
}

/** `value` nested `depth` levels deep under key `a` (depth 0 is `value` itself). */
function nested(depth: number, value: unknown): unknown {
  let result = value;
  for (let i = 0; i < depth; i++) result = { a: result };
  return result;
}

class Cart {
  items = 1;
}

class List extends Array<number> {}

describe("plainValueProblem accepts plain data", () => {
  const accepted: ReadonlyArray<readonly [string, unknown]> = [
    ["null", null],
    ["true", true],
    ["false", false],
    ["0", 0],
    ["-0", -0],
    ["a fraction", 1.5],
    ["the largest double", Number.MAX_VALUE],
    ["the empty string", ""],
    ["a string", "ok"],
    ["a lone surrogate", "\ud800"],
    ["the empty array", []],
    ["the empty object", {}],
    ["a small record", { balance: 120 }],
    ["a nested record", { items: { a: 2 }, version: 7 }],
    ["an array of records", [{ id: 1, qty: 2 }, { id: 2, qty: 1 }]],
    ["nested arrays", [[1, [2, [null]]], []]],
    ["keys that are not identifiers", { "a b": 1, "": 2, "1": 3, "é": 4 }],
    ["a null-prototype object", Object.assign(Object.create(null) as object, { a: 1, b: { c: null } })],
    ["an own __proto__ key", JSON.parse('{"__proto__": {"a": 1}}') as unknown],
    ["a frozen plain value", Object.freeze({ a: Object.freeze([1, 2]) })],
    ["the deepest nesting allowed", nested(plainValueDepthMax, 1)],
  ];
  it.each(accepted)("%s", (_name, value) => {
    expect(plainValueProblem(value)).toBeNull();
  });

  it("allows a sub-object shared by two parents (a DAG), which is not a cycle", () => {
    const shared = { a: 1 };
    expect(plainValueProblem({ x: shared, y: shared, z: [shared, shared] })).toBeNull();
  });

  it("does not freeze what it checks", () => {
    const value = { a: { b: 1 } };
    plainValueProblem(value);
    expect(Object.isFrozen(value)).toBe(false);
    expect(Object.isFrozen(value.a)).toBe(false);
  });
});

describe("plainValueProblem refuses what is not plain data, naming the path", () => {
  const cycle: { a: { b: unknown } } = { a: { b: null } };
  cycle.a.b = cycle;
  const selfArray: unknown[] = [];
  selfArray.push(selfArray);
  const sparse = [1, , 3];
  const named = Object.assign([1, 2], { total: 3 });
  const refused: ReadonlyArray<readonly [unknown, string]> = [
    [new Date(0), "a Date"],
    [{ items: [{}, {}, { when: new Date(0) }] }, "at .items[2].when: a Date"],
    [new Map(), "a Map"],
    [new Set(), "a Set"],
    [{ f: () => 1 }, "at .f: a function"],
    [Cart, "a function"],
    [undefined, "undefined"],
    [{ x: undefined }, "at .x: undefined"],
    [[1, undefined], "at [1]: undefined"],
    [NaN, "NaN"],
    [{ n: NaN }, "at .n: NaN"],
    [{ n: Infinity }, "at .n: Infinity"],
    [{ n: -Infinity }, "at .n: -Infinity"],
    [{ b: 1n }, "at .b: a BigInt"],
    [Symbol("s"), "a symbol"],
    [{ s: Symbol("s") }, "at .s: a symbol"],
    [cycle, "at .a.b: a cycle"],
    [selfArray, "at [0]: a cycle"],
    [new Cart(), "an instance of class Cart"],
    [{ c: new Cart() }, "at .c: an instance of class Cart"],
    [List.from([1]), "an instance of class List"],
    [Object.create({}) as object, "an object with a non-plain prototype"],
    [new Number(1), "a Number"],
    [new Error("e"), "an Error"],
    [/x/, "a RegExp"],
    [new Uint8Array(1), "a Uint8Array"],
    [Promise.resolve(1), "a Promise"],
    [new Proxy({}, {}), "a Proxy"],
    [{ p: new Proxy([], {}) }, "at .p: a Proxy"],
    [runInNewContext("({})") as unknown, "an Object from another realm"],
    [runInNewContext("[]") as unknown, "an Array from another realm"],
    [sparse, "at [1]: a hole in a sparse array"],
    [{ xs: new Array(2) }, "at .xs[0]: a hole in a sparse array"],
    [{ xs: named }, "at .xs.total: a named property of an array"],
    [{ "a b": new Map() }, 'at ["a b"]: a Map'],
    [{ "1": new Date(0) }, 'at ["1"]: a Date'],
    [{ a: 1, b: new Map(), c: new Set() }, "at .b: a Map"],
    [Object.freeze(new Map()), "a Map"],
    [Object.freeze({ d: new Date(0) }), "at .d: a Date"],
  ];
  // Titled by the expected text only: formatting the values themselves (a cycle, a Proxy)
  // is not something a test title should depend on.
  it.each(refused.map(([value, problem], i) => [`${i}: ${problem}`, value, problem] as const))("%s", (_title, value, problem) => {
    expect(plainValueProblem(value)).toBe(problem);
  });

  it("reads records as JSON does: symbol keys and hidden properties unseen, a getter read once", () => {
    let runs = 0;
    const withGetter = {
      a: 1,
      get total(): unknown {
        runs++;
        return runs === 1 ? 2 : new Map();
      },
    };
    expect(plainValueProblem({ cart: withGetter })).toBeNull();
    expect(runs).toBe(1);
    expect(plainValueProblem({ cart: { get bad() { return new Date(0); } } })).toBe("at .cart.bad: a Date");
    expect(plainValueProblem({ ok: 1, [Symbol("tag")]: new Map() })).toBeNull();
    expect(plainValueProblem(Object.defineProperty({ shown: 1 }, "hidden", { value: new Map(), enumerable: false }))).toBeNull();
  });

  it("refuses nesting deeper than plainValueDepthMax", () => {
    const problem = plainValueProblem(nested(plainValueDepthMax + 1, 1));
    expect(problem).toBe(`at ${".a".repeat(plainValueDepthMax)}: nesting deeper than ${plainValueDepthMax} levels`);
  });

  it("never runs a Proxy's traps", () => {
    let traps = 0;
    const counting = new Proxy({}, { get: () => ++traps, ownKeys: () => (traps++, []), getPrototypeOf: () => (traps++, Object.prototype) });
    expect(plainValueProblem({ counting })).toBe("at .counting: a Proxy");
    expect(traps).toBe(0);
  });
});

describe("toPlainValue", () => {
  it("returns primitives as they are", () => {
    for (const value of [null, true, 0, 1.5, "", "ok"]) expect(toPlainValue(value)).toBe(value);
    expect(Object.is(toPlainValue(-0), -0)).toBe(true);
  });

  it("returns the value itself, deep-frozen, shared sub-objects included", () => {
    const shared = { a: 1 };
    const value = { items: { a: 2 }, lines: [{ sku: "x" }, shared], shared, version: 7 };
    expect(toPlainValue(value)).toBe(value);
    expect(isDeepFrozen(value)).toBe(true);
  });

  it("freezes a null-prototype object", () => {
    const value = Object.assign(Object.create(null) as Record<string, unknown>, { a: { b: 1 } });
    expect(isDeepFrozen(toPlainValue(value))).toBe(true);
  });

  it("keeps what a store holds unchanged: mutating the writer's reference throws", () => {
    const store = new Map<string, unknown>();
    const written = { balance: 120, history: [{ delta: 120 }] };
    store.set("acct-1", toPlainValue(written));
    expect(() => {
      written.balance = 0;
    }).toThrow(TypeError);
    expect(() => {
      written.history.push({ delta: 1 });
    }).toThrow(TypeError);
    expect(() => {
      written.history[0].delta = 0;
    }).toThrow(TypeError);
    expect(store.get("acct-1")).toEqual({ balance: 120, history: [{ delta: 120 }] });
  });

  it("throws a PlainValueError carrying the problem", () => {
    let thrown: unknown;
    try {
      toPlainValue({ items: [1, 2, { when: new Date(0) }] });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PlainValueError);
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as PlainValueError).name).toBe("PlainValueError");
    expect((thrown as PlainValueError).problem).toBe("at .items[2].when: a Date");
    expect((thrown as PlainValueError).message).toBe("value is not plain data: at .items[2].when: a Date");
  });

  it("refuses non-plain primitives and top-level objects", () => {
    expect(() => toPlainValue(undefined)).toThrow("value is not plain data: undefined");
    expect(() => toPlainValue(NaN)).toThrow("value is not plain data: NaN");
    expect(() => toPlainValue(new Map())).toThrow("value is not plain data: a Map");
  });

  it("on refusal leaves the offending part and what contains it unfrozen", () => {
    const bad = { when: new Date(0) };
    const value = { ok: { a: 1 }, bad };
    expect(() => toPlainValue(value)).toThrow(PlainValueError);
    expect(Object.isFrozen(value)).toBe(false);
    expect(Object.isFrozen(bad)).toBe(false);
    expect(Object.isFrozen(bad.when)).toBe(false);
  });

  it("is idempotent on a value it already froze", () => {
    const value = toPlainValue({ a: [1, { b: 2 }] });
    expect(toPlainValue(value)).toBe(value);
    expect(toPlainValue({ ...value, c: 3 })).toEqual({ a: [1, { b: 2 }], c: 3 });
  });

  it("still refuses a non-plain value that the user froze", () => {
    const frozen = Object.freeze({ when: new Date(0) });
    expect(() => toPlainValue({ frozen })).toThrow("at .frozen.when: a Date");
  });
});

describe("freezePlain", () => {
  it("deep-freezes and returns the value", () => {
    const value = { a: [{ b: 1 }], c: { d: null } };
    expect(freezePlain(value)).toBe(value);
    expect(isDeepFrozen(value)).toBe(true);
  });

  it("descends into an already-frozen top to freeze what is under it", () => {
    const value = Object.freeze({ inner: { a: 1 }, list: [[2]] });
    freezePlain(value);
    expect(isDeepFrozen(value)).toBe(true);
  });

  it("returns primitives as they are", () => {
    expect(freezePlain(3)).toBe(3);
    expect(freezePlain(null)).toBeNull();
  });

  it("fails as a harness error, not a stack overflow, on a cyclic value it was wrongly given", () => {
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(() => freezePlain(cyclic)).toThrow(HarnessError);
  });
});

describe("properties", () => {
  it("every JSON value (-0 included) is plain, and comes back deep-equal and deep-frozen", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const before = structuredClone(value);
        expect(plainValueProblem(value)).toBeNull();
        const plain = toPlainValue(value);
        expect(plain).toEqual(before);
        expect(isDeepFrozen(plain)).toBe(true);
      }),
    );
  });

  it("a Date placed anywhere in a JSON value is refused at its path", () => {
    const step = fc.oneof(fc.string().map((key) => ({ key })), fc.nat(3).map((index) => ({ index })));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 6 }), fc.jsonValue(), (steps, filler) => {
        let value: unknown = new Date(0);
        let path = "";
        for (const step of [...steps].reverse()) {
          if ("key" in step) {
            value = { [step.key]: value };
            path = (/^[A-Za-z_$][\w$]*$/.test(step.key) ? `.${step.key}` : `[${JSON.stringify(step.key)}]`) + path;
          } else {
            const array: unknown[] = Array.from({ length: step.index }, () => filler);
            array.push(value);
            value = array;
            path = `[${step.index}]` + path;
          }
        }
        expect(plainValueProblem(value)).toBe(path === "" ? "a Date" : `at ${path}: a Date`);
      }),
    );
  });
});

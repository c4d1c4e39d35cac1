import { describe, expect, it } from "vitest";
import { contentDedupeIdOf, dedupeIdOf, outputIdOf } from "../../src/core/ids.ts";

describe("identifiers", () => {
  it("a producer's dedupe IDs are unique per event; output IDs derive from them", () => {
    expect([dedupeIdOf(0, 0), dedupeIdOf(0, 1), dedupeIdOf(1, 0)]).toEqual(["p0-0", "p0-1", "p1-0"]);
    expect(outputIdOf("p0-1", 2)).toBe("p0-1/o2");
  });

  it("a content ID depends only on the key and the payload's entries, not their order", () => {
    const id = contentDedupeIdOf("acct-0", { account: "acct-0", kind: "deposit", amount: 2 });
    expect(contentDedupeIdOf("acct-0", { amount: 2, kind: "deposit", account: "acct-0" })).toBe(id);
    expect(contentDedupeIdOf("acct-0", { account: "acct-0", kind: "deposit", amount: 3 })).not.toBe(id);
    expect(contentDedupeIdOf("acct-1", { account: "acct-0", kind: "deposit", amount: 2 })).not.toBe(id);
    expect(contentDedupeIdOf("acct-0", { nested: { b: [1, { d: null, c: "x" }], a: true } })).toBe(contentDedupeIdOf("acct-0", { nested: { a: true, b: [1, { c: "x", d: null }] } }));
  });

  it("a key and a payload never run together into another event's ID", () => {
    expect(contentDedupeIdOf("a:1", 2)).not.toBe(contentDedupeIdOf("a", "1:2"));
    expect(contentDedupeIdOf("a", "1")).not.toBe(contentDedupeIdOf("a", 1));
    expect(contentDedupeIdOf("k", [1, 2])).not.toBe(contentDedupeIdOf("k", "[1,2]"));
  });
});

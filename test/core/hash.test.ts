import { describe, expect, it } from "vitest";
import { StableHash } from "../../src/core/hash.ts";

describe("StableHash", () => {
  it("gives the same hex for the same inputs", () => {
    const a = new StableHash().int(1).str("abc").int(-7).hex();
    const b = new StableHash().int(1).str("abc").int(-7).hex();
    expect(a).toBe(b);
  });

  it("is 16 lowercase hex digits, also when empty", () => {
    expect(new StableHash().hex()).toMatch(/^[0-9a-f]{16}$/);
    expect(new StableHash().int(123456789).str("x").hex()).toMatch(/^[0-9a-f]{16}$/);
  });

  it("changes when anything is fed", () => {
    const empty = new StableHash().hex();
    expect(new StableHash().int(0).hex()).not.toBe(empty);
    expect(new StableHash().str("").hex()).not.toBe(empty);
  });

  it("depends on the order of inputs", () => {
    expect(new StableHash().int(1).int(2).hex()).not.toBe(new StableHash().int(2).int(1).hex());
    expect(new StableHash().str("a").str("b").hex()).not.toBe(new StableHash().str("b").str("a").hex());
  });

  it("depends on the values", () => {
    expect(new StableHash().int(1).hex()).not.toBe(new StableHash().int(2).hex());
    expect(new StableHash().str("abc").hex()).not.toBe(new StableHash().str("abd").hex());
    expect(new StableHash().int(-1).hex()).not.toBe(new StableHash().int(1).hex());
  });

  it("distinguishes the high 32 bits of large integers", () => {
    expect(new StableHash().int(1).hex()).not.toBe(new StableHash().int(1 + 2 ** 32).hex());
    expect(new StableHash().int(2 ** 40).hex()).not.toBe(new StableHash().int(0).hex());
  });

  it("separates strings from integers and concatenations", () => {
    expect(new StableHash().str("1").hex()).not.toBe(new StableHash().int(1).hex());
    expect(new StableHash().str("ab").str("c").hex()).not.toBe(new StableHash().str("a").str("bc").hex());
  });

  it("feeds incrementally: hex() does not disturb the state", () => {
    const h = new StableHash().int(5);
    h.hex();
    expect(h.str("z").hex()).toBe(new StableHash().int(5).str("z").hex());
  });

  it("its first lane is plain 32-bit FNV-1a over the fed bytes (little-endian ints, UTF-16 strings + length)", () => {
    const bytes = [
      ..."eosim".split("").flatMap((ch) => [ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >>> 8]),
      5, 0, 0, 0, 0, 0, 0, 0, // length of "eosim" as a 64-bit little-endian int
      42, 0, 0, 0, 0, 0, 0, 0,
    ];
    let a = 0x811c9dc5;
    for (const byte of bytes) a = Math.imul(a ^ byte, 0x01000193);
    const hex = new StableHash().str("eosim").int(42).hex();
    expect(hex.slice(0, 8)).toBe((a >>> 0).toString(16).padStart(8, "0"));
  });

  it("is pinned: history hashes must not change between versions", () => {
    expect(new StableHash().hex()).toBe("811c9dc55ad1e806");
    expect(new StableHash().str("eosim").int(42).hex()).toBe("d3110067b5f3062f");
    expect(new StableHash().int(-1).hex()).toBe("6cae0a5d3a3c63aa");
  });
});

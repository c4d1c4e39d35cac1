import { describe, expect, it } from "vitest";
import { History, Op } from "../../src/core/history.ts";

function build(records: Array<[number, number, number?, number?]>, marks: number[] = []): History {
  const h = new History();
  records.forEach(([op, a, b, c], i) => {
    h.record(op, a, b, c);
    if (marks.includes(i)) h.markStep();
  });
  return h;
}

describe("History", () => {
  it("stores four integers per record, defaulting b and c to 0", () => {
    const h = new History();
    h.record(Op.fetch, 1, 2, 3);
    h.record(Op.restart, 4);
    expect(h.data).toEqual([Op.fetch, 1, 2, 3, Op.restart, 4, 0, 0]);
    expect(h.length).toBe(2);
  });

  it("starts empty", () => {
    const h = new History();
    expect(h.length).toBe(0);
    expect(h.stepHashes).toEqual([]);
    expect(h.hex()).toMatch(/^[0-9a-f]{16}$/);
  });

  it("identical record sequences give identical hashes", () => {
    const recs: Array<[number, number, number?, number?]> = [[Op.append, 3, 0, 9], [Op.fetch, 0, 1, 0], [Op.storeCommit, 0, 1, 1]];
    expect(build(recs).hex()).toBe(build(recs).hex());
  });

  it("a different value or order changes the hash", () => {
    const base = build([[Op.fetch, 0, 1, 0], [Op.storeCommit, 0, 1, 1]]).hex();
    expect(build([[Op.fetch, 0, 1, 0], [Op.storeCommit, 0, 1, 2]]).hex()).not.toBe(base);
    expect(build([[Op.storeCommit, 0, 1, 1], [Op.fetch, 0, 1, 0]]).hex()).not.toBe(base);
  });

  it("the hash changes with each record", () => {
    const h = new History();
    const before = h.hex();
    h.record(Op.leave, 0);
    expect(h.hex()).not.toBe(before);
  });

  it("explicit zero equals the default arguments", () => {
    expect(build([[Op.restart, 4]]).hex()).toBe(build([[Op.restart, 4, 0, 0]]).hex());
  });

  it("markStep keeps one hash per call, equal to hex() at that moment", () => {
    const h = new History();
    h.record(Op.intent, 0, 1, 1);
    h.markStep();
    const first = h.hex();
    h.record(Op.intent, 1, 3, 0);
    h.markStep();
    h.markStep();
    expect(h.stepHashes).toHaveLength(3);
    expect(h.stepHashes[0]).toBe(first);
    expect(h.stepHashes[1]).toBe(h.hex());
    expect(h.stepHashes[2]).toBe(h.stepHashes[1]);
    expect(h.stepHashes[0]).not.toBe(h.stepHashes[1]);
  });

  it("markStep does not change the hash or the length", () => {
    const h = build([[Op.fetch, 0, 0, 0]]);
    const hex = h.hex();
    h.markStep();
    expect(h.hex()).toBe(hex);
    expect(h.length).toBe(1);
  });

  it("step hashes locate the first divergent step", () => {
    const a = build([[Op.fetch, 0, 0, 0], [Op.fetch, 0, 0, 1], [Op.fetch, 0, 0, 2]], [0, 1, 2]);
    const b = build([[Op.fetch, 0, 0, 0], [Op.fetch, 0, 0, 9], [Op.fetch, 0, 0, 2]], [0, 1, 2]);
    expect(a.stepHashes[0]).toBe(b.stepHashes[0]);
    expect(a.stepHashes[1]).not.toBe(b.stepHashes[1]);
    expect(a.stepHashes[2]).not.toBe(b.stepHashes[2]);
  });
});

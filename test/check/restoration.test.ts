import { describe, expect, it } from "vitest";
import { restoration } from "../../src/check/restoration.ts";
import { dedupePrefix, offsetKey } from "../../src/runtime/changelog-record.ts";
import { correctView, filtered, withLog } from "../helpers/views.ts";

describe("restoration checker", () => {
  it("finds nothing on a correct run", () => {
    expect(restoration.check(correctView())).toEqual([]);
  });

  it("a changelog without its offset markers restores the wrong offset (as is and after compaction)", () => {
    const view = correctView();
    const broken = withLog(view, "changelog", 0, filtered(view.changelog[0], (key) => key !== offsetKey));
    const anomalies = restoration.check(broken);
    expect(anomalies.map((a) => [a.kind, a.partition])).toEqual([
      ["restore-offset", 0],
      ["restore-offset", 0],
    ]);
    expect(anomalies[0].detail).toContain("changelog as is");
    expect(anomalies[1].detail).toContain("after full compaction");
    // the original log is untouched
    expect(restoration.check(view)).toEqual([]);
  });

  it("a live value that differs from the changelog is restore-state", () => {
    const view = correctView();
    view.liveStores[1]!.state.set("acct-3", 1);
    const anomalies = restoration.check(view);
    expect(anomalies.map((a) => [a.kind, a.partition])).toEqual([
      ["restore-state", 1],
      ["restore-state", 1],
    ]);
    expect(anomalies[0].detail).toContain("acct-3");
  });

  it("a dedupe ID missing from the changelog is restore-dedupe", () => {
    const view = correctView();
    const broken = withLog(view, "changelog", 1, filtered(view.changelog[1], (key) => key !== `${dedupePrefix}p0-1`));
    const anomalies = restoration.check(broken);
    expect(anomalies.map((a) => a.kind)).toEqual(["restore-dedupe", "restore-dedupe"]);
    expect(anomalies[0].detail).toContain("p0-1");
  });

  it("a dedupe ID the live store lost is restore-dedupe", () => {
    const view = correctView();
    view.liveStores[0]!.dedupe.delete("p0-0");
    expect(restoration.check(view).map((a) => a.kind)).toEqual(["restore-dedupe", "restore-dedupe"]);
  });

  it("does not compact the view's own changelog", () => {
    const view = correctView();
    const before = view.changelog.map((l) => l.records.length);
    restoration.check(view);
    expect(view.changelog.map((l) => l.records.length)).toEqual(before);
  });
});

import { describe, expect, it } from "vitest";
import { restoration } from "../../src/check/restoration.ts";
import { dedupePrefix, offsetKey } from "../../src/runtime/changelog-record.ts";
import { check, correctView, filtered, withLog, withStore } from "../helpers/views.ts";

describe("restoration checker", () => {
  it("finds nothing on a correct run", () => {
    expect(check(restoration, correctView())).toEqual([]);
  });

  it("a changelog without its offset markers restores the wrong offset (as is and after compaction)", () => {
    const view = correctView();
    const broken = withLog(view, "changelog", 0, filtered(view.changelog[0], (key) => key !== offsetKey));
    const anomalies = check(restoration, broken);
    expect(anomalies.map((a) => [a.kind, a.partition])).toEqual([
      ["restore-offset", 0],
      ["restore-offset", 0],
    ]);
    expect(anomalies[0].detail).toContain("changelog as is");
    expect(anomalies[1].detail).toContain("after full compaction");
    // the original log is untouched
    expect(check(restoration, view)).toEqual([]);
  });

  it("a live value that differs from the changelog is restore-state", () => {
    const view = withStore(correctView(), 1, (store) => store.state.set("acct-3", 1));
    const anomalies = check(restoration, view);
    expect(anomalies.map((a) => [a.kind, a.partition])).toEqual([
      ["restore-state", 1],
      ["restore-state", 1],
    ]);
    expect(anomalies[0].detail).toContain("acct-3");
  });

  it("a dedupe ID missing from the changelog is restore-dedupe", () => {
    const view = correctView();
    const broken = withLog(view, "changelog", 1, filtered(view.changelog[1], (key) => key !== `${dedupePrefix}p0-1`));
    const anomalies = check(restoration, broken);
    expect(anomalies.map((a) => a.kind)).toEqual(["restore-dedupe", "restore-dedupe"]);
    expect(anomalies[0].detail).toContain("p0-1");
  });

  it("a dedupe ID the live store lost is restore-dedupe", () => {
    const view = withStore(correctView(), 0, (store) => store.dedupe.delete("p0-0"));
    expect(check(restoration, view).map((a) => a.kind)).toEqual(["restore-dedupe", "restore-dedupe"]);
  });

  it("does not compact the view's own changelog", () => {
    const view = correctView();
    const before = view.changelog.map((l) => l.slice());
    check(restoration, view);
    expect(view.changelog).toEqual(before);
  });
});

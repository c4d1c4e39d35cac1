// The monotonic-reads checker over hand-built read facts: per session (a reader on one life of
// one instance), an entity never goes back to an older version nor disappears once seen.
import { beforeEach, describe, expect, it } from "vitest";
import { monotonicReads } from "../../src/check/monotonic-reads.ts";
import type { ReadFact } from "../../src/service/read-facts.ts";
import type { ServiceConfig } from "../../src/service/service-config.ts";
import type { WorldView } from "../../src/sim/world-view.ts";
import { check, correctView, judged } from "../helpers/views.ts";

const base = correctView();
const spec = { reader: "service-b", namespace: "customers", version: "version" };

/** A view whose reads are `reads`, judged for `spec` (null: no monotonicReads). */
function viewOf(reads: readonly ReadFact[], monotonic: typeof spec | null = spec): WorldView {
  const service = { monotonicReads: monotonic } as unknown as ServiceConfig;
  return { ...base, config: { ...base.config, service }, reads };
}

const value = (version: number, extra: Record<string, unknown> = {}) => JSON.stringify({ ...extra, version });

let step = 0;
/** A get of `key` by service-b on instance 0, life 1 unless told. */
function get(key: string, text: string | null, at: Partial<ReadFact> = {}): ReadFact {
  return { reader: "service-b", instance: 0, life: 1, source: "database", namespace: "customers/0", scan: false, entries: [[key, text]], step, ticks: 10 * step++, ...at };
}
/** A scan by service-b on instance 0, life 1 unless told. */
function scan(entries: ReadFact["entries"], at: Partial<ReadFact> = {}): ReadFact {
  return { reader: "service-b", instance: 0, life: 1, source: "database", namespace: "customers/0", scan: true, entries, step, ticks: 10 * step++, ...at };
}

describe("monotonic-reads checker", () => {
  beforeEach(() => void (step = 0));

  it("finds nothing when versions only rise, and counts the reader's reads in scope only", () => {
    const reads = [
      get("cust-1", value(1)),
      get("cust-1", value(1)),
      scan([["cust-1", value(2)], ["cust-2", value(5)]]),
      get("cust-2", value(7)),
      get("cust-1", value(1), { reader: "service-a" }),
      get("cust-1", value(1), { namespace: "other/0" }),
    ];
    expect(check(monotonicReads, viewOf(reads))).toEqual([]);
    expect(judged(monotonicReads, viewOf(reads))).toEqual({ reads: 4 });
  });

  it("a lower version in the same session is read-went-back, naming reader, instance, life, key and both versions", () => {
    const reads = [get("cust-1", value(1)), get("cust-1", value(3), { step: 10, ticks: 100 }), get("cust-2", value(1)), get("cust-1", value(2), { step: 14, ticks: 140 })].map((r) => ({ ...r, instance: 2, life: 3 }));
    const anomalies = check(monotonicReads, viewOf(reads));
    expect(anomalies).toHaveLength(1);
    const [a] = anomalies;
    expect([a.kind, a.key, a.partition, a.step]).toEqual(["read-went-back", "cust-1", 0, 15]);
    expect(a.detail).toContain("reader service-b on instance 2 (life 3)");
    expect(a.detail).toContain("version 3 at tick 100, then version 2 at tick 140");
    expect(a.detail).toContain("went back");
    // The timeline holds the entity's reads only.
    expect(a.detail).toContain("tick 0: instance 2 (life 3) reads cust-1 in customers/0: version 1");
    expect(a.detail).not.toContain("cust-2");
    // A failing verdict still says what was judged: the reads up to the anomaly.
    expect(judged(monotonicReads, viewOf(reads))).toEqual({ reads: 4 });
  });

  it("a lower version in another life or on another instance is no anomaly: sessions are separate", () => {
    expect(check(monotonicReads, viewOf([get("cust-1", value(3)), get("cust-1", value(1), { life: 2 })]))).toEqual([]);
    expect(check(monotonicReads, viewOf([get("cust-1", value(3)), get("cust-1", value(1), { instance: 1 })]))).toEqual([]);
    // But back in the first session, the older version is judged against what it saw.
    expect(check(monotonicReads, viewOf([get("cust-1", value(3)), get("cust-1", value(1), { life: 2 }), get("cust-1", value(2))])).map((a) => a.kind)).toEqual(["read-went-back"]);
  });

  it("a get that finds a key absent after it was present is read-disappeared", () => {
    const anomalies = check(monotonicReads, viewOf([get("cust-1", null), get("cust-1", value(2)), get("cust-1", null)]));
    expect(anomalies.map((a) => [a.kind, a.key])).toEqual([["read-disappeared", "cust-1"]]);
    expect(anomalies[0].detail).toContain("version 2 at tick 10");
    expect(anomalies[0].detail).toContain("then absent at tick 20");
    expect(anomalies[0].detail).toContain("disappeared");
    // Absent before it was ever present is fine.
    expect(check(monotonicReads, viewOf([get("cust-1", null), get("cust-1", null), get("cust-1", value(1))]))).toEqual([]);
  });

  it("a scan that omits a key seen before is read-disappeared; one whose range excludes it is not", () => {
    const seen = get("cust-5", value(1));
    const omits = check(monotonicReads, viewOf([seen, scan([["cust-6", value(1)]])]));
    expect(omits.map((a) => [a.kind, a.key])).toEqual([["read-disappeared", "cust-5"]]);
    expect(omits[0].detail).toContain("scans cust-5 in customers/0: absent");
    expect(judged(monotonicReads, viewOf([seen, scan([["cust-6", value(1)]]), get("cust-7", null)]))).toEqual({ reads: 2 });
    expect(check(monotonicReads, viewOf([seen, scan([["cust-6", value(1)]], { from: "cust-6" })]))).toEqual([]);
    expect(check(monotonicReads, viewOf([seen, scan([], { to: "cust-5" })]))).toEqual([]);
    expect(check(monotonicReads, viewOf([seen, scan([], { from: "cust-0", to: "cust-9" })])).map((a) => a.kind)).toEqual(["read-disappeared"]);
    // A scan of another partition does not answer for this one's keys.
    expect(check(monotonicReads, viewOf([seen, scan([], { namespace: "customers/1" })]))).toEqual([]);
  });

  it("ignores other readers and namespaces that are not <namespace> or <namespace>/<partition>", () => {
    const back = (at: Partial<ReadFact>) => [get("cust-1", value(3), at), get("cust-1", value(1), at), get("cust-1", null, at)];
    for (const at of [{ reader: "service-a" }, { namespace: "customersX/1" }, { namespace: "other/1" }, { namespace: "customers/x" }, { namespace: "customers/" }]) {
      expect(check(monotonicReads, viewOf(back(at))), JSON.stringify(at)).toEqual([]);
      expect(judged(monotonicReads, viewOf(back(at)))).toEqual({ reads: 0 });
    }
  });

  it("judges the namespace without a partition suffix too (no partition on the anomaly)", () => {
    const anomalies = check(monotonicReads, viewOf([get("cust-1", value(3), { namespace: "customers" }), get("cust-1", value(1), { namespace: "customers" })]));
    expect(anomalies.map((a) => [a.kind, a.key])).toEqual([["read-went-back", "cust-1"]]);
    expect(anomalies[0].partition).toBeUndefined();
  });

  it("judges a value without a numeric version by presence only", () => {
    const plain = (v: unknown) => JSON.stringify(v);
    expect(check(monotonicReads, viewOf([get("cust-1", plain({ name: "x" })), get("cust-1", plain({ name: "y" })), get("cust-1", plain("text")), get("cust-1", value(1)), get("cust-1", plain({ version: "2" }))]))).toEqual([]);
    expect(check(monotonicReads, viewOf([get("cust-1", plain({ name: "x" })), get("cust-1", null)])).map((a) => a.kind)).toEqual(["read-disappeared"]);
    // A versioned value then one without a version, then a lower version: still judged against the highest seen.
    expect(check(monotonicReads, viewOf([get("cust-1", value(4)), get("cust-1", plain({})), get("cust-1", value(2))])).map((a) => a.kind)).toEqual(["read-went-back"]);
  });

  it("reads the version field the spec names", () => {
    const reads = [get("cust-1", JSON.stringify({ rev: 5, version: 1 })), get("cust-1", JSON.stringify({ rev: 4, version: 2 }))];
    expect(check(monotonicReads, viewOf(reads))).toEqual([]);
    expect(check(monotonicReads, viewOf(reads, { ...spec, version: "rev" })).map((a) => a.kind)).toEqual(["read-went-back"]);
  });

  it("judges store reads like database reads", () => {
    const reads = [get("cust-1", value(2), { source: "store" }), get("cust-1", value(1), { source: "store" })];
    expect(check(monotonicReads, viewOf(reads)).map((a) => a.kind)).toEqual(["read-went-back"]);
  });

  it("finds nothing without a spec, and records no evidence", () => {
    const reads = [get("cust-1", value(3)), get("cust-1", value(1))];
    expect(check(monotonicReads, viewOf(reads, null))).toEqual([]);
    expect(judged(monotonicReads, viewOf(reads, null))).toEqual({});
    const { service: _, ...noService } = base.config;
    expect(check(monotonicReads, { ...base, config: noService, reads })).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import type { LogRecord } from "../../src/broker/log-record.ts";
import { checkContextOf } from "../../src/check/check-context.ts";
import { restoration } from "../../src/check/restoration.ts";
import type { WorldView } from "../../src/sim/world-view.ts";

const record = (offset: number, key: string, value: unknown): LogRecord<unknown> => ({ offset, key, value, timestampTicks: offset, batch: offset });

/** A service world's view with one partition: its owner's namespaces and its changelog. */
function view(live: Map<string, Map<string, unknown>>, log: LogRecord<unknown>[]): WorldView {
  return { serviceNamespaces: [live], changelog: [log], changelogEnd: [log.length === 0 ? 0 : log[log.length - 1].offset + 1], liveStores: [null] } as unknown as WorldView;
}

const log = [
  record(0, "\u0000epoch", { epoch: 3 }),
  record(1, "balances/0\u0000acct-1", { s: "5" }),
  record(2, "balances/0\u0000acct-2", { s: "7" }),
  record(3, "balances/0\u0000acct-2", null),
  record(4, "meta/0\u0000next", { s: "3" }),
];

describe("restoration of a service's logged namespaces", () => {
  it("passes when the owner's namespaces are what the changelog rebuilds, tombstones included", () => {
    const live = new Map([["balances/0", new Map<string, unknown>([["acct-1", 5]])], ["meta/0", new Map<string, unknown>([["next", 3]])]]);
    const v = view(live, log);
    expect(restoration.check(v, checkContextOf(v), {})).toEqual([]);
  });

  it("names each key that differs, as the changelog stands and after full compaction", () => {
    const live = new Map([["balances/0", new Map<string, unknown>([["acct-1", 5], ["acct-2", 7]])], ["meta/0", new Map<string, unknown>([["next", 4]])]]);
    const v = view(live, log);
    const found = restoration.check(v, checkContextOf(v), {});
    expect(found.map((a) => a.detail)).toEqual([
      "partition 0 (changelog as is) namespace balances/0 key acct-2: live 7, restored (absent)",
      "partition 0 (changelog as is) namespace meta/0 key next: live 4, restored 3",
      "partition 0 (after full compaction) namespace balances/0 key acct-2: live 7, restored (absent)",
      "partition 0 (after full compaction) namespace meta/0 key next: live 4, restored 3",
    ]);
  });

  it("skips partitions whose owner has not worked on them", () => {
    const v = { ...view(new Map(), log), serviceNamespaces: [null] } as unknown as WorldView;
    expect(restoration.check(v, checkContextOf(v), {})).toEqual([]);
  });
});

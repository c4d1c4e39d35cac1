import { afterEach, describe, expect, it, vi } from "vitest";
import type { EachBatchPayload } from "../../src/kafkajs/consumer-types.ts";
import { committed, consumerOf, setUp } from "./helpers.ts";

afterEach(() => {
  vi.useRealTimers();
});

describe("simulated kafkajs consumer: eachBatch", () => {
  it("eachBatchAutoResolve resolves the last offset only when the handler returns", async () => {
    const { port, kafkajs } = setUp({ input: 1 });
    port.append("input", 0, ["a", "b", "c"]);
    const consumer = await consumerOf(kafkajs);
    const during: unknown[] = [];
    void consumer.run({
      eachBatch: async ({ batch, uncommittedOffsets }) => {
        during.push(uncommittedOffsets());
        expect(batch.firstOffset()).toBe("0");
        expect(batch.lastOffset()).toBe("2");
        expect(batch.offsetLag()).toBe("0");
        expect(batch.offsetLagLow()).toBe("2");
      },
    });
    await port.settleAll();
    expect(during).toEqual([{ topics: [] }]);
    expect(committed(port)).toEqual(["0@3"]);
  });

  it("without auto-resolve nothing is committed unless the handler resolves", async () => {
    const { port, kafkajs } = setUp({ input: 1 });
    port.append("input", 0, ["a", "b", "c"]);
    const consumer = await consumerOf(kafkajs);
    void consumer.run({ eachBatchAutoResolve: false, eachBatch: async ({ resolveOffset }) => resolveOffset("0") });
    await port.settleAll(8);
    expect(committed(port)[0]).toBe("0@1");
    void consumer.stop();
    await port.settleAll();
  });

  it("resolveOffset keeps the last value given, even when it goes backwards", async () => {
    const { port, kafkajs } = setUp({ input: 1 });
    port.append("input", 0, ["a", "b", "c"]);
    const consumer = await consumerOf(kafkajs);
    const uncommitted: unknown[] = [];
    void consumer.run({
      eachBatchAutoResolve: false,
      eachBatch: async ({ resolveOffset, uncommittedOffsets }) => {
        resolveOffset("2");
        resolveOffset("0");
        uncommitted.push(uncommittedOffsets());
      },
    });
    await port.settleAll(8);
    expect(uncommitted[0]).toEqual({ topics: [{ topic: "input", partitions: [{ partition: 0, offset: "1" }] }] });
    expect(committed(port)[0]).toBe("0@1");
    void consumer.stop();
    await port.settleAll();
  });

  it("a rejoin after REBALANCE_IN_PROGRESS drops resolved-but-uncommitted offsets and re-reads committed ones", async () => {
    const { port, kafkajs } = setUp({ input: 1 });
    port.append("input", 0, ["a", "b", "c"]);
    const consumer = await consumerOf(kafkajs);
    const rebalancing: string[] = [];
    consumer.on(consumer.events.REBALANCING, (e) => void rebalancing.push(e.type));
    const batches: string[] = [];
    void consumer.run({
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
        batches.push(`${batch.firstOffset()}-${batch.lastOffset()}`);
        if (batches.length > 1) return;
        resolveOffset("1");
        port.rebalance();
        vi.advanceTimersByTime(5000);
        await heartbeat();
      },
    });
    await port.settleAll(30);
    expect(rebalancing).toEqual(["consumer.rebalancing"]);
    // The commit attempted on the heartbeat's rebalance error was refused; the rejoin fetched from the committed offset.
    expect(port.commits).toEqual([]);
    expect(port.callsOf("commit")[0]).toMatchObject({ generation: 0, offsets: [{ partition: 0, offset: 2 }] });
    expect(port.callsOf("committed").length).toBe(2);
    // Nothing is resolved after the rejoin either (no auto-resolve), so the batch comes again and again.
    expect(port.callsOf("fetch").slice(0, 2).map((f) => f.positions)).toEqual([[{ partition: 0, offset: 0 }], [{ partition: 0, offset: 0 }]]);
    expect(batches.slice(0, 2)).toEqual(["0-2", "0-2"]);
    void consumer.stop();
    await port.settleAll();
  });

  it("isStale() turns true after a seek of the batch's partition, and the seek applies at the next fetch", async () => {
    const { port, kafkajs } = setUp({ input: 1 });
    port.append("input", 0, ["a", "b", "c", "d"]);
    const consumer = await consumerOf(kafkajs);
    const stale: boolean[] = [];
    const firsts: Array<string | null> = [];
    void consumer.run({
      eachBatch: async ({ batch, isStale }: EachBatchPayload) => {
        firsts.push(batch.firstOffset());
        stale.push(isStale());
        if (firsts.length === 1) consumer.seek({ topic: "input", partition: 0, offset: "3" });
        stale.push(isStale());
      },
    });
    await port.settleAll(20);
    expect(stale.slice(0, 2)).toEqual([false, true]);
    expect(firsts.slice(0, 2)).toEqual(["0", "3"]);
    // With autoCommit, kafkajs commits a seek's offset when it applies.
    expect(committed(port)[1]).toBe("0@3");
    void consumer.stop();
    await port.settleAll();
  });

  it("isStale() turns true once the member learns its generation is over (revoked while processing)", async () => {
    const { port, kafkajs } = setUp({ input: 1 });
    port.append("input", 0, ["a"]);
    const consumer = await consumerOf(kafkajs);
    const stale: boolean[] = [];
    const errors: string[] = [];
    void consumer.run({
      eachBatch: async ({ isStale, heartbeat }) => {
        if (stale.length > 0) return;
        stale.push(isStale());
        port.expel();
        vi.advanceTimersByTime(5000);
        await heartbeat().catch((e: { type: string }) => errors.push(e.type));
        stale.push(isStale());
      },
    });
    await port.settleAll(30);
    expect(stale).toEqual([false, true]);
    expect(errors).toEqual(["UNKNOWN_MEMBER_ID"]);
    void consumer.stop();
    await port.settleAll();
  });
});

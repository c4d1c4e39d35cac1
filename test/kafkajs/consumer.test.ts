import { afterEach, describe, expect, it, vi } from "vitest";
import type { EachBatchPayload } from "../../src/kafkajs/consumer-types.ts";
import type { InstrumentationEvent } from "../../src/kafkajs/instrumentation.ts";
import { fastRetry, setUp } from "./helpers.ts";

afterEach(() => {
  vi.useRealTimers();
});

/** A consumer of the group topic "input" from the beginning, with fast retries. */
async function consumerOf(kafkajs: ReturnType<typeof setUp>["kafkajs"], retry: object = fastRetry) {
  const consumer = new kafkajs.Kafka({ brokers: [] }).consumer({ groupId: "g", retry, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: ["input"], fromBeginning: true });
  return consumer;
}

const committed = (port: ReturnType<typeof setUp>["port"]) => port.commits.map((c) => c.offsets.map((o) => `${o.partition}@${o.offset}`).join(","));

describe("simulated kafkajs consumer: eachMessage", () => {
  it("with defaults commits once per batch, at its end", async () => {
    const { port, kafkajs } = setUp({ input: 1 });
    port.append("input", 0, ["a", "b", "c"]);
    const consumer = await consumerOf(kafkajs);
    const seen: string[] = [];
    void consumer.run({ eachMessage: async ({ message }) => void seen.push(`${message.offset}:${message.value?.toString()}`) });
    await port.settleAll();
    expect(seen).toEqual(["0:a", "1:b", "2:c"]);
    expect(committed(port)).toEqual(["0@3"]);
    port.append("input", 0, ["d"]);
    await port.settleAll();
    expect(committed(port)).toEqual(["0@3", "0@4"]);
  });

  it("starts at the committed offset when there is one, else at the low or high offset", async () => {
    const { port, kafkajs } = setUp({ input: 2 });
    port.append("input", 0, ["a", "b", "c"]);
    port.append("input", 1, ["x", "y"]);
    port.committedOffsets[0] = 2;
    const consumer = new kafkajs.Kafka({ brokers: [] }).consumer({ groupId: "g" });
    await consumer.subscribe({ topic: "input" });
    const seen: string[] = [];
    void consumer.run({ eachMessage: async ({ partition, message }) => void seen.push(`${partition}:${message.offset}`) });
    await port.settleAll();
    expect(seen).toEqual(["0:2"]);
    expect(port.callsOf("fetch")[0].positions).toEqual([
      { partition: 0, offset: 2 },
      { partition: 1, offset: 2 },
    ]);
  });

  it("a throwing handler: offsets resolved before it are committed, the batch is retried, then CRASH with restart", async () => {
    const { port, kafkajs } = setUp({ input: 1 });
    port.append("input", 0, ["a", "b", "c"]);
    const consumer = await consumerOf(kafkajs, { ...fastRetry, retries: 2 });
    const crashes: Array<InstrumentationEvent<{ error: Error; groupId: string; restart: boolean }>> = [];
    consumer.on(consumer.events.CRASH, (e) => void crashes.push(e as never));
    const attempts: string[] = [];
    void consumer.run({
      eachMessage: async ({ message }) => {
        attempts.push(String(message.offset));
        if (message.offset === "1") throw new Error("boom");
      },
    });
    await port.settleAll(60);
    // First attempt: 0 ok, 1 throws; committed 0@1; retries fetch from 1 and throw again.
    expect(attempts.slice(0, 4)).toEqual(["0", "1", "1", "1"]);
    expect(committed(port)[0]).toBe("0@1");
    expect(crashes.length).toBeGreaterThanOrEqual(1);
    const [crash] = crashes;
    expect(crash.type).toBe("consumer.crash");
    expect(crash.payload.groupId).toBe("g");
    expect(crash.payload.restart).toBe(true);
    expect(crash.payload.error.name).toBe("KafkaJSNumberOfRetriesExceeded");
    expect(crash.payload.error.message).toBe("boom");
    // The crash left the group; the restart joined again and consumes from the committed offset.
    const ops = port.calls.map((c) => c.op);
    expect(ops).toContain("leave");
    expect(ops.lastIndexOf("join")).toBeGreaterThan(ops.indexOf("leave"));
  });

  it("a TypeError crashes without restart (kafkajs restarts only for retriable errors)", async () => {
    const { port, kafkajs } = setUp({ input: 1 });
    port.append("input", 0, ["a"]);
    const consumer = await consumerOf(kafkajs);
    const crashes: boolean[] = [];
    consumer.on(consumer.events.CRASH, (e) => void crashes.push((e.payload as { restart: boolean }).restart));
    void consumer.run({
      eachMessage: async () => {
        throw new TypeError("bad");
      },
    });
    await port.settleAll();
    expect(crashes).toEqual([false]);
  });

  it("restartOnFailure decides whether to restart", async () => {
    const { port, kafkajs } = setUp({ input: 1 });
    port.append("input", 0, ["a"]);
    const consumer = await consumerOf(kafkajs, { ...fastRetry, retries: 0, restartOnFailure: async () => false });
    const crashes: boolean[] = [];
    consumer.on(consumer.events.CRASH, (e) => void crashes.push((e.payload as { restart: boolean }).restart));
    void consumer.run({
      eachMessage: async () => {
        throw new Error("x");
      },
    });
    await port.settleAll();
    expect(crashes).toEqual([false]);
  });

  it("autoCommitThreshold commits as soon as that many offsets are resolved", async () => {
    const { port, kafkajs } = setUp({ input: 1 });
    port.append("input", 0, ["a", "b", "c"]);
    const consumer = await consumerOf(kafkajs);
    void consumer.run({ autoCommitThreshold: 2, eachMessage: async () => undefined });
    await port.settleAll();
    expect(committed(port)).toEqual(["0@2", "0@3"]);
  });

  it("partitionsConsumedConcurrently lets a second partition go on while the first waits", async () => {
    const { port, kafkajs } = setUp({ input: 2 });
    port.append("input", 0, ["a"]);
    port.append("input", 1, ["b"]);
    const consumer = await consumerOf(kafkajs);
    const order: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    void consumer.run({
      partitionsConsumedConcurrently: 2,
      eachMessage: async ({ partition }) => {
        order.push(`start ${partition}`);
        if (partition === 0) await gate;
        order.push(`end ${partition}`);
      },
    });
    await port.settleAll();
    expect(order).toEqual(["start 0", "start 1", "end 1"]);
    release();
    await port.settleAll();
    expect(order).toEqual(["start 0", "start 1", "end 1", "end 0"]);
    expect(committed(port).sort()).toEqual(["0@1", "1@1"]);
  });

  it("heartbeats only when the heartbeat interval has passed", async () => {
    const { port, kafkajs } = setUp({ input: 1 });
    port.append("input", 0, ["a", "b"]);
    const consumer = new kafkajs.Kafka({ brokers: [] }).consumer({ groupId: "g", heartbeatInterval: 1000 });
    await consumer.subscribe({ topic: "input", fromBeginning: true });
    void consumer.run({
      eachMessage: async ({ message }) => {
        if (message.offset === "1") vi.advanceTimersByTime(1500);
      },
    });
    await port.settleAll();
    expect(port.callsOf("heartbeat")).toHaveLength(1);
  });
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

describe("simulated kafkajs consumer: group and lifecycle", () => {
  it("subscribing with a RegExp matching the group topic works", async () => {
    const { port, kafkajs } = setUp({ input: 1, output: 1 });
    port.append("input", 0, ["a"]);
    const consumer = new kafkajs.Kafka({ brokers: [] }).consumer({ groupId: "g" });
    await consumer.subscribe({ topics: [/^inp/], fromBeginning: true });
    const seen: string[] = [];
    void consumer.run({ eachMessage: async ({ topic, message }) => void seen.push(`${topic}:${message.value}`) });
    await port.settleAll();
    expect(seen).toEqual(["input:a"]);
  });

  it("subscribing to another topic of the world is refused, naming it and the group topic", async () => {
    const { port, kafkajs } = setUp({ input: 1, output: 1 });
    const consumer = new kafkajs.Kafka({ brokers: [] }).consumer({ groupId: "g" });
    await expect(consumer.subscribe({ topic: "output" })).rejects.toThrow('consumer.subscribe: eosim\'s consumer group consumes "input" only; "output" is not the group\'s topic');
    await expect(consumer.subscribe({ topics: [/put$/] })).rejects.toThrow('"output" is not the group\'s topic');
    expect(port.unsupportedMessages).toHaveLength(2);
  });

  it("emits GROUP_JOIN with kafkajs's payload; a seek made in its listener applies before the first fetch", async () => {
    const { port, kafkajs } = setUp({ input: 2 });
    port.append("input", 1, ["a", "b", "c"]);
    const consumer = await consumerOf(kafkajs);
    const joins: unknown[] = [];
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      joins.push(e.payload);
      consumer.seek({ topic: "input", partition: 1, offset: "2" });
    });
    const seen: string[] = [];
    void consumer.run({ eachMessage: async ({ partition, message }) => void seen.push(`${partition}:${message.offset}`) });
    await port.settleAll();
    expect(joins).toEqual([
      expect.objectContaining({ groupId: "g", memberId: "0", leaderId: "0", isLeader: true, memberAssignment: { input: [0, 1] } }),
    ]);
    expect(seen).toEqual(["1:2"]);
  });

  it("commits rejected under a stale generation surface as kafkajs protocol errors", async () => {
    const { port, kafkajs } = setUp({ input: 1 });
    port.append("input", 0, ["a"]);
    const consumer = await consumerOf(kafkajs);
    const errors: unknown[] = [];
    void consumer.run({
      autoCommit: false,
      eachMessage: async ({ message }) => {
        if (errors.length > 0) return;
        port.rebalance();
        await consumer.commitOffsets([{ topic: "input", partition: 0, offset: String(Number(message.offset) + 1) }]).catch((e: unknown) => errors.push(e));
      },
    });
    await port.settleAll(30);
    expect(errors[0]).toMatchObject({ name: "KafkaJSNonRetriableError", retriable: false });
    expect((errors[0] as Error).cause).toMatchObject({ name: "KafkaJSProtocolError", type: "ILLEGAL_GENERATION", code: 22, retriable: false });
    void consumer.stop();
    await port.settleAll();
  });

  it("disconnect commits offsets resolved in the batch in hand (autoCommit) and leaves the group", async () => {
    const { port, kafkajs } = setUp({ input: 1 });
    port.append("input", 0, ["a", "b", "c"]);
    const consumer = await consumerOf(kafkajs);
    const events: string[] = [];
    consumer.on(consumer.events.STOP, (e) => void events.push(e.type));
    consumer.on(consumer.events.DISCONNECT, (e) => void events.push(e.type));
    let disconnected: Promise<void> | undefined;
    void consumer.run({
      eachMessage: async ({ message }) => {
        if (message.offset === "0") disconnected = consumer.disconnect();
      },
    });
    await port.settleAll();
    await disconnected;
    expect(committed(port)).toEqual(["0@1"]);
    expect(port.calls.map((c) => c.op).slice(-2)).toEqual(["commit", "leave"]);
    expect(events).toEqual(["consumer.stop", "consumer.disconnect"]);
  });

  it("stop does not wait for a pending long poll", async () => {
    const { port, kafkajs } = setUp({ input: 1 });
    const consumer = await consumerOf(kafkajs);
    void consumer.run({ eachMessage: async () => undefined });
    await port.settleAll();
    expect(port.pendingOps()).toEqual(["fetch"]);
    const stopped = consumer.stop();
    await port.settleAll();
    await stopped;
    expect(port.membership).toBe("out");
  });

  it("pause() in eachMessage stops the batch; paused() lists it; resume continues", async () => {
    const { port, kafkajs } = setUp({ input: 1 });
    port.append("input", 0, ["a", "b", "c"]);
    const consumer = await consumerOf(kafkajs);
    const seen: string[] = [];
    let resume: (() => void) | undefined;
    void consumer.run({
      eachMessage: async ({ message, pause }) => {
        seen.push(message.offset);
        if (message.offset === "0") resume = pause();
      },
    });
    await port.settleAll(20);
    expect(seen).toEqual(["0"]);
    expect(consumer.paused()).toEqual([{ topic: "input", partitions: [0] }]);
    resume?.();
    await port.settleAll(20);
    expect(seen).toEqual(["0", "1", "2"]);
    void consumer.stop();
    await port.settleAll();
  });

  it("UNKNOWN_MEMBER_ID from a fetch rejoins", async () => {
    const { port, kafkajs } = setUp({ input: 1 });
    const consumer = await consumerOf(kafkajs);
    void consumer.run({ eachMessage: async () => undefined });
    await port.settleAll();
    port.expel();
    await port.settleAll();
    expect(port.callsOf("join")).toHaveLength(2);
    expect(port.membership).toBe("in");
    void consumer.stop();
    await port.settleAll();
  });
});

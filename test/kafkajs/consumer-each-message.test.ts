import { afterEach, describe, expect, it, vi } from "vitest";
import type { InstrumentationEvent } from "../../src/kafkajs/instrumentation.ts";
import { committed, consumerOf, fastRetry, setUp } from "./helpers.ts";

afterEach(() => {
  vi.useRealTimers();
});

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

import { afterEach, describe, expect, it, vi } from "vitest";
import { committed, consumerOf, setUp } from "./helpers.ts";

afterEach(() => {
  vi.useRealTimers();
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

import { afterEach, describe, expect, it, vi } from "vitest";
import { KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from "../../src/kafkajs/errors.ts";
import { fastRetry, setUp } from "./helpers.ts";

afterEach(() => {
  vi.useRealTimers();
});

describe("simulated kafkajs producer", () => {
  it("sends keyed messages to their murmur2 partitions and resolves to RecordMetadata", async () => {
    const { port, kafkajs } = setUp();
    const producer = new kafkajs.Kafka({ brokers: ["sim:9092"] }).producer();
    await producer.connect();
    const sent = producer.send({ topic: "output", messages: [{ key: "a", value: "1" }, { key: "a", value: "2", headers: { h: Buffer.from([0xff, 0]) } }] });
    await port.settleAll();
    const result = await sent;
    expect(result).toHaveLength(1);
    const [meta] = result;
    expect(meta).toMatchObject({ topicName: "output", errorCode: 0, baseOffset: "0" });
    expect(port.values("output", meta.partition)).toEqual(["1", "2"]);
    const [call] = port.callsOf("produce");
    expect((call.messages as Array<{ headers: Record<string, string> }>)[1].headers.h).toBe("\xff\x00");
    expect(call.sequence).toBe(-1);
  });

  it("refuses to send before connect, as kafkajs does", async () => {
    const { kafkajs } = setUp();
    const producer = new kafkajs.Kafka({ brokers: [] }).producer();
    await expect(producer.send({ topic: "output", messages: [{ value: "x" }] })).rejects.toThrow("The producer is disconnected");
  });

  it("retries after REQUEST_TIMED_OUT: a lost ACK appends twice without idempotence", async () => {
    const { port, kafkajs } = setUp();
    const producer = new kafkajs.Kafka({ brokers: [] }).producer({ retry: fastRetry });
    await producer.connect();
    port.produceFaults.push("lost-ack");
    const sent = producer.send({ topic: "output", messages: [{ partition: 1, value: "v" }] });
    await port.settleAll();
    expect((await sent)[0]).toMatchObject({ partition: 1, baseOffset: "1" });
    expect(port.values("output", 1)).toEqual(["v", "v"]);
    expect(port.callsOf("produce")).toHaveLength(2);
  });

  it("rejects with KafkaJSNumberOfRetriesExceeded after `retries` retries, caused by the last protocol error", async () => {
    const { port, kafkajs } = setUp();
    const producer = new kafkajs.Kafka({ brokers: [] }).producer({ retry: fastRetry });
    await producer.connect();
    port.produceFaults.push("lost-request", "NETWORK_EXCEPTION", "NOT_LEADER_FOR_PARTITION", "REQUEST_TIMED_OUT");
    const sent = producer.send({ topic: "output", messages: [{ partition: 0, value: "v" }] });
    const outcome = sent.then(
      () => undefined,
      (e: unknown) => e,
    );
    await port.settleAll();
    const error = await outcome;
    expect(error).toBeInstanceOf(KafkaJSNumberOfRetriesExceeded);
    expect((error as KafkaJSNumberOfRetriesExceeded).name).toBe("KafkaJSNumberOfRetriesExceeded");
    expect((error as KafkaJSNumberOfRetriesExceeded).retryCount).toBe(3);
    const cause = (error as Error).cause as KafkaJSProtocolError;
    expect(cause).toBeInstanceOf(KafkaJSProtocolError);
    expect(cause).toMatchObject({ type: "REQUEST_TIMED_OUT", code: 7, retriable: true });
    expect(port.callsOf("produce")).toHaveLength(4);
  });

  it("does not retry a non-retriable error: the protocol error itself rejects", async () => {
    const { port, kafkajs } = setUp();
    const producer = new kafkajs.Kafka({ brokers: [] }).producer({ retry: fastRetry });
    await producer.connect();
    port.produceFaults.push("INVALID_PRODUCER_EPOCH");
    const sent = producer.send({ topic: "output", messages: [{ partition: 0, value: "v" }] }).catch((e: unknown) => e);
    await port.settleAll();
    expect(await sent).toMatchObject({ name: "KafkaJSProtocolError", type: "INVALID_PRODUCER_EPOCH", code: 47, retriable: false });
    expect(port.callsOf("produce")).toHaveLength(1);
  });

  it("idempotent: numbers each partition's requests from 0 and reuses the number on retry", async () => {
    const { port, kafkajs } = setUp();
    const producer = new kafkajs.Kafka({ brokers: [] }).producer({ idempotent: true, retry: fastRetry });
    await producer.connect();
    port.produceFaults.push("lost-ack");
    const first = producer.send({ topic: "output", messages: [{ partition: 2, value: "a" }] });
    const second = producer.send({ topic: "output", messages: [{ partition: 2, value: "b" }] });
    const other = producer.send({ topic: "output", messages: [{ partition: 0, value: "c" }] });
    await port.settleAll();
    await Promise.all([first, second, other]);
    const sequences = port.callsOf("produce").map((c) => [c.partition, c.sequence]);
    expect(sequences).toEqual([
      [2, 0],
      [0, 0],
      [2, 0],
      [2, 1],
    ]);
    // The retry of the lost ACK is acknowledged without appending again.
    expect(port.values("output", 2)).toEqual(["a", "b"]);
    expect((await first)[0].baseOffset).toBe("0");
  });

  it("idempotent requires acks -1", async () => {
    const { kafkajs } = setUp();
    const producer = new kafkajs.Kafka({ brokers: [] }).producer({ idempotent: true });
    await producer.connect();
    await expect(producer.send({ topic: "output", acks: 1, messages: [{ value: "x" }] })).rejects.toThrow("idempotent producer's EoS guarantees");
  });

  it("sendBatch merges topics and answers one RecordMetadata per partition written", async () => {
    const { port, kafkajs } = setUp();
    const producer = new kafkajs.Kafka({ brokers: [] }).producer();
    await producer.connect();
    const sent = producer.sendBatch({
      topicMessages: [
        { topic: "output", messages: [{ partition: 2, value: "x" }] },
        { topic: "input", messages: [{ partition: 0, value: "y" }] },
        { topic: "output", messages: [{ partition: 0, value: "z" }] },
      ],
    });
    await port.settleAll();
    expect((await sent).map((m) => [m.topicName, m.partition])).toEqual([
      ["output", 0],
      ["output", 2],
      ["input", 0],
    ]);
  });

  it("keyless messages go round-robin over the partitions", async () => {
    const { port, kafkajs } = setUp();
    const producer = new kafkajs.Kafka({ brokers: [] }).producer();
    await producer.connect();
    const sent = producer.send({ topic: "output", messages: [{ value: "1" }, { value: "2" }, { value: "3" }] });
    await port.settleAll();
    expect((await sent).map((m) => m.partition).sort()).toEqual([0, 1, 2]);
  });

  it("transaction() throws the one-line unsupported error", () => {
    const { port, kafkajs } = setUp();
    const producer = new kafkajs.Kafka({ brokers: [] }).producer({ transactionalId: "tx" });
    expect(() => producer.transaction()).toThrow(/^producer\.transaction: transactions are out of scope in eosim's simulated kafkajs/);
    expect(port.unsupportedMessages).toHaveLength(1);
    expect(port.unsupportedMessages[0]).not.toContain("\n");
  });

  it("a topic the world lacks is refused, naming the world's topics", async () => {
    const { port, kafkajs } = setUp();
    const producer = new kafkajs.Kafka({ brokers: [] }).producer();
    await producer.connect();
    await expect(producer.send({ topic: "nope", messages: [{ value: "x" }] })).rejects.toThrow('eosim\'s world has no topic "nope" (it has topics input, output)');
    expect(port.unsupportedMessages).toHaveLength(1);
  });

  it("on() returns a remover, and unknown event names are refused", async () => {
    const { kafkajs } = setUp();
    const producer = new kafkajs.Kafka({ brokers: [] }).producer();
    const seen: string[] = [];
    const remove = producer.on(producer.events.CONNECT, (e) => seen.push(e.type));
    await producer.connect();
    remove();
    await producer.connect();
    expect(seen).toEqual(["producer.connect"]);
    expect(() => producer.on("producer.nope", () => undefined)).toThrow("Event name should be one of producer.events.CONNECT");
  });
});

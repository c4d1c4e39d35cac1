import { afterEach, describe, expect, it, vi } from "vitest";
import { setUp } from "./helpers.ts";

afterEach(() => {
  vi.useRealTimers();
});

describe("simulated kafkajs admin", () => {
  it("lists topics; createTopics of existing topics answers false, unknown ones are refused naming the world's topics", async () => {
    const { port, kafkajs } = setUp();
    const admin = new kafkajs.Kafka({ brokers: [] }).admin();
    await admin.connect();
    expect(await admin.listTopics()).toEqual(["input", "output"]);
    expect(await admin.createTopics({ topics: [{ topic: "output" }] })).toBe(false);
    await expect(admin.createTopics({ topics: [{ topic: "extra" }] })).rejects.toThrow("eosim's world has no topic \"extra\" (it has topics input, output)");
    expect(port.unsupportedMessages).toHaveLength(1);
  });

  it("fetchTopicOffsets and fetchOffsets answer decimal strings", async () => {
    const { port, kafkajs } = setUp();
    port.append("input", 1, ["a", "b"]);
    port.committedOffsets[1] = 1;
    const admin = new kafkajs.Kafka({ brokers: [] }).admin();
    const topicOffsets = admin.fetchTopicOffsets("input");
    await port.settleAll();
    expect(await topicOffsets).toEqual([
      { partition: 0, offset: "0", high: "0", low: "0" },
      { partition: 1, offset: "2", high: "2", low: "0" },
    ]);
    const offsets = admin.fetchOffsets({ groupId: "g", topics: ["input", "output"] });
    await port.settleAll();
    expect(await offsets).toEqual([
      { topic: "input", partitions: [{ partition: 0, offset: "-1", metadata: null }, { partition: 1, offset: "1", metadata: null }] },
      { topic: "output", partitions: [0, 1, 2].map((partition) => ({ partition, offset: "-1", metadata: null })) },
    ]);
  });

  it("setOffsets and resetOffsets set the group's committed offsets; refused while a member consumes", async () => {
    const { port, kafkajs } = setUp();
    port.append("input", 0, ["a", "b", "c"]);
    const admin = new kafkajs.Kafka({ brokers: [] }).admin();
    const set = admin.setOffsets({ groupId: "g", topic: "input", partitions: [{ partition: 0, offset: "2" }] });
    await port.settleAll();
    await set;
    expect(port.committedOffsets).toEqual([2, -1]);
    const reset = admin.resetOffsets({ groupId: "g", topic: "input", earliest: false });
    await port.settleAll();
    await reset;
    expect(port.committedOffsets).toEqual([3, 0]);
    port.membership = "in";
    const refused = admin.setOffsets({ groupId: "g", topic: "input", partitions: [{ partition: 0, offset: "0" }] }).catch((e: unknown) => e);
    await port.settleAll();
    expect(await refused).toMatchObject({ name: "KafkaJSNonRetriableError", message: expect.stringContaining("must have no running instances") });
  });

  it("cluster-changing APIs are refused with a one-line error", () => {
    const { port, kafkajs } = setUp();
    const admin = new kafkajs.Kafka({ brokers: [] }).admin();
    expect(() => admin.deleteTopics()).toThrow(/^admin\.deleteTopics: not simulated/);
    expect(port.unsupportedMessages).toHaveLength(1);
  });
});

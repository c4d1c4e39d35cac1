// The broker's clients: what an actor does through its connection is recorded under its name
// (`Op.append`, `Op.fetch`), which is what the checkers judge.
import { describe, expect, it } from "vitest";
import { Broker } from "../../src/broker/broker.ts";
import type { BrokerClient } from "../../src/broker/broker-client.ts";
import { SendOutcome, SendTarget } from "../../src/broker/send-outcome.ts";
import { VirtualClock } from "../../src/core/clock.ts";
import { History, Op } from "../../src/core/history.ts";
import { actorSlot, countOutcome, producerActor, slotActor, slotPartition, slotTopic, topicPartition } from "../../src/core/packed-fields.ts";
import { subStream } from "../../src/core/prng.ts";
import { NetworkFaults } from "../../src/faults/network.ts";

function setup(options: { idempotentProducer?: boolean; chancePerFetch?: number; segmentRecords?: number } = {}) {
  const clock = new VirtualClock();
  const history = new History();
  const network = new NetworkFaults(history);
  const cleaner = options.chancePerFetch === undefined ? null : { chancePerFetch: options.chancePerFetch, rng: subStream(1, "broker") };
  const broker = new Broker(
    { partitions: 2, changelogCompaction: { segmentRecords: options.segmentRecords ?? 2, deleteRetentionTicks: 0 }, idempotentProducer: options.idempotentProducer },
    clock,
    history,
    network,
    cleaner,
  );
  return { clock, history, network, broker };
}

/** `[a, b, c]` of every record with `op`. */
function recordsOf(history: History, op: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < history.data.length; i += 4) if (history.data[i] === op) out.push(history.data.slice(i + 1, i + 4));
  return out;
}

const entries = (...keys: string[]) => keys.map((key) => ({ key, value: `v-${key}` }));

describe("BrokerClient appends", () => {
  it("an append is recorded with the writer, topic, partition, first offset, count and outcome", () => {
    const { broker, history } = setup();
    const instance = broker.client(5);
    const producer = broker.client(producerActor(2));
    expect(instance.produce(SendTarget.changelog, 1, entries("a", "b"))).toBe(SendOutcome.acked);
    expect(instance.produce(SendTarget.output, 0, entries("o"))).toBe(SendOutcome.acked);
    expect(producer.produce(SendTarget.input, 1, entries("i"))).toBe(SendOutcome.acked);
    expect(instance.produce(SendTarget.changelog, 1, entries("c"))).toBe(SendOutcome.acked);
    expect(recordsOf(history, Op.append)).toEqual([
      [actorSlot(5, SendTarget.changelog, 1), 0, countOutcome(2, SendOutcome.acked)],
      [actorSlot(5, SendTarget.output, 0), 0, countOutcome(1, SendOutcome.acked)],
      [actorSlot(producerActor(2), SendTarget.input, 1), 0, countOutcome(1, SendOutcome.acked)],
      [actorSlot(5, SendTarget.changelog, 1), 2, countOutcome(1, SendOutcome.acked)],
    ]);
    const [first] = recordsOf(history, Op.append);
    expect([slotActor(first[0]), slotTopic(first[0]), slotPartition(first[0])]).toEqual([5, SendTarget.changelog, 1]);
  });

  it("a fenced write is recorded with outcome fenced and no offset, under the fenced writer", () => {
    const { broker, history } = setup();
    const owner = broker.client(0);
    const zombie = broker.client(1);
    expect(owner.produce(SendTarget.changelog, 0, entries("#epoch"), 3)).toBe(SendOutcome.acked);
    expect(zombie.produce(SendTarget.changelog, 0, entries("a", "b", "c"), 2)).toBe(SendOutcome.fenced);
    expect(recordsOf(history, Op.append).at(-1)).toEqual([actorSlot(1, SendTarget.changelog, 0), -1, countOutcome(3, SendOutcome.fenced)]);
    expect(broker.endOffset(SendTarget.changelog, 0)).toBe(1);
  });

  it("an idempotent producer's refused retries are recorded under its actor: duplicate (5) and out of order", () => {
    const { broker, history } = setup({ idempotentProducer: true });
    const producer = broker.client(producerActor(0));
    expect(producer.produce(SendTarget.input, 0, entries("a"), -1, 0)).toBe(SendOutcome.acked);
    expect(producer.produce(SendTarget.input, 0, entries("a"), -1, 0)).toBe(SendOutcome.acked);
    expect(producer.produce(SendTarget.input, 0, entries("c"), -1, 2)).toBe(SendOutcome.notAppended);
    const slot = actorSlot(producerActor(0), SendTarget.input, 0);
    expect(recordsOf(history, Op.append)).toEqual([
      [slot, 0, countOutcome(1, SendOutcome.acked)],
      [slot, -1, countOutcome(1, 5)],
      [slot, -1, countOutcome(1, SendOutcome.notAppended)],
    ]);
    expect(broker.endOffset(SendTarget.input, 0)).toBe(1);
  });

  it("sequences are per producer: another producer's sequence 0 is appended", () => {
    const { broker } = setup({ idempotentProducer: true });
    expect(broker.client(producerActor(0)).produce(SendTarget.input, 0, entries("a"), -1, 0)).toBe(SendOutcome.acked);
    expect(broker.client(producerActor(1)).produce(SendTarget.input, 0, entries("b"), -1, 0)).toBe(SendOutcome.acked);
    expect(broker.topicData(SendTarget.input).records[0].map((r) => r.key)).toEqual(["a", "b"]);
  });

  it("a request lost before the broker records no append; a lost ACK records the append after the fault", () => {
    const { broker, history, network } = setup();
    const client = broker.client(0);
    network.arm(SendTarget.output, SendOutcome.notAppended);
    expect(client.produce(SendTarget.output, 0, entries("a"))).toBe(SendOutcome.notAppended);
    expect(recordsOf(history, Op.append)).toEqual([]);
    network.arm(SendTarget.output, SendOutcome.ackLost);
    expect(client.produce(SendTarget.output, 0, entries("a"))).toBe(SendOutcome.ackLost);
    expect(history.data.slice(-8)).toEqual([Op.lost, SendTarget.output, SendOutcome.ackLost, 0, Op.append, actorSlot(0, SendTarget.output, 0), 0, countOutcome(1, SendOutcome.acked)]);
  });
});

describe("BrokerClient fetches", () => {
  it("a non-empty fetch is recorded with the reader, the first offset returned and the count", () => {
    const { broker, history } = setup();
    const writer = broker.client(producerActor(0));
    writer.produce(SendTarget.input, 1, entries("a", "b", "c"));
    const reader: BrokerClient = broker.client(3);
    expect(reader.fetch(SendTarget.input, 1, 1, 10).map((r) => r.key)).toEqual(["b", "c"]);
    expect(reader.fetch(SendTarget.input, 1, 0, 1).map((r) => r.key)).toEqual(["a"]);
    expect(broker.client(4).fetch(SendTarget.input, 1, 2, 1).map((r) => r.key)).toEqual(["c"]);
    expect(recordsOf(history, Op.fetch)).toEqual([
      [actorSlot(3, SendTarget.input, 1), 1, 2],
      [actorSlot(3, SendTarget.input, 1), 0, 1],
      [actorSlot(4, SendTarget.input, 1), 2, 1],
    ]);
  });

  it("empty fetches are not recorded", () => {
    const { broker, history } = setup();
    const reader = broker.client(0);
    expect(reader.fetch(SendTarget.input, 0, 0, 10)).toEqual([]); // empty partition
    broker.client(1).produce(SendTarget.changelog, 0, entries("a"));
    expect(reader.fetch(SendTarget.changelog, 0, 1, 10)).toEqual([]); // at the end
    expect(reader.fetch(SendTarget.changelog, 0, 0, 0)).toEqual([]); // nothing asked
    expect(reader.fetch(SendTarget.changelog, 1, 0, 10)).toEqual([]); // another partition
    expect(recordsOf(history, Op.fetch)).toEqual([]);
  });

  it("a fetch over a compacted log records the first offset actually returned", () => {
    const { broker, history, clock } = setup({ segmentRecords: 2 });
    const writer = broker.client(0);
    for (const key of ["k", "k", "k", "j", "j"]) writer.produce(SendTarget.changelog, 0, entries(key));
    clock.advance(1);
    broker.compactChangelog(0); // head [0..3]: keeps k@2 and j@3; 4 is active
    const got = broker.client(1).fetch(SendTarget.changelog, 0, 0, 10);
    expect(got.map((r) => r.offset)).toEqual([2, 3, 4]);
    expect(recordsOf(history, Op.fetch)).toEqual([[actorSlot(1, SendTarget.changelog, 0), 2, 3]]);
  });

  it("the background cleaner may run before a changelog fetch (recorded first), never before an input fetch", () => {
    const { broker, history, clock } = setup({ chancePerFetch: 1, segmentRecords: 1 });
    const writer = broker.client(0);
    for (const key of ["k", "k", "last"]) writer.produce(SendTarget.changelog, 0, entries(key)); // head [0, 1]
    broker.client(producerActor(0)).produce(SendTarget.input, 0, entries("i"));
    clock.advance(1);
    broker.client(1).fetch(SendTarget.input, 0, 0, 10);
    expect(recordsOf(history, Op.compact)).toEqual([]);
    expect(broker.client(1).fetch(SendTarget.changelog, 0, 0, 10).map((r) => r.offset)).toEqual([1, 2]);
    const ops = history.data.filter((_, i) => i % 4 === 0);
    expect(ops.slice(-2)).toEqual([Op.compact, Op.fetch]);
    expect(recordsOf(history, Op.compact)).toEqual([[topicPartition(SendTarget.changelog, 0), 1, 0]]);
  });

  it("start and end offsets are the broker's, also after truncation", () => {
    const { broker } = setup();
    const client = broker.client(producerActor(0));
    client.produce(SendTarget.input, 0, entries("a", "b", "c"));
    broker.truncateInput(0, 2);
    expect(client.startOffset(SendTarget.input, 0)).toBe(2);
    expect(client.endOffset(SendTarget.input, 0)).toBe(3);
    expect(client.startOffset(SendTarget.changelog, 0)).toBe(0);
    expect(client.endOffset(SendTarget.output, 1)).toBe(0);
    expect(broker.startOffset(SendTarget.input, 0)).toBe(2);
    expect(client.fetch(SendTarget.input, 0, 0, 10).map((r) => r.offset)).toEqual([2]);
  });
});

describe("Broker topic data", () => {
  it("topicData and inputArchive are copies: changing them changes nothing in the broker", () => {
    const { broker } = setup();
    broker.client(producerActor(0)).produce(SendTarget.input, 0, entries("a", "b"));
    broker.truncateInput(0, 1);
    const data = broker.topicData(SendTarget.input);
    expect(data.records[0].map((r) => r.offset)).toEqual([1]);
    expect(data.endOffsets).toEqual([2, 0]);
    (data.records[0] as unknown[]).length = 0;
    const archive = broker.inputArchive();
    expect(archive[0].map((r) => r.offset)).toEqual([0, 1]);
    archive[0].length = 0;
    expect(broker.topicData(SendTarget.input).records[0]).toHaveLength(1);
    expect(broker.inputArchive()[0]).toHaveLength(2);
  });
});

import { describe, expect, it } from "vitest";
import { Broker } from "../../src/broker/broker.ts";
import { idempotenceWindowBatches } from "../../src/broker/idempotence.ts";
import { type InputEvent, Producer } from "../../src/broker/producer.ts";
import { type SendInterceptor, SendOutcome, SendTarget } from "../../src/broker/send-outcome.ts";
import { VirtualClock } from "../../src/core/clock.ts";
import { History, Op } from "../../src/core/history.ts";
import { actorSlot, countOutcome, producerActor, topicPartition } from "../../src/core/packed-fields.ts";
import { loseNextAck } from "../../src/faults/lost-ack.ts";
import { NetworkFaults } from "../../src/faults/network.ts";

function setup(options: { idempotentProducer?: boolean; interceptor?: SendInterceptor } = {}) {
  const clock = new VirtualClock();
  const history = new History();
  const network = new NetworkFaults(history);
  const broker = new Broker(
    { partitions: 2, changelogCompaction: { segmentRecords: 4, deleteRetentionTicks: 10 }, idempotentProducer: options.idempotentProducer },
    clock,
    history,
    options.interceptor ?? network,
  );
  const producer = new Producer<string>(3, broker.client(producerActor(3)));
  /** The input records of partition `p` as they stand. */
  const input = (p: number) => broker.topicData<InputEvent<string>>(SendTarget.input).records[p];
  /** The changelog records of partition `p` as they stand. */
  const changelog = (p: number) => broker.topicData<unknown>(SendTarget.changelog).records[p];
  /** An instance's connection (actor 0). */
  const client = broker.client(0);
  return { clock, history, broker, producer, network, input, changelog, client };
}

/** Fails the next `n` input sends before they reach the broker. */
class DropNext implements SendInterceptor {
  readonly asked: SendTarget[] = [];
  constructor(public n: number) {}
  outcome(target: SendTarget): SendOutcome {
    this.asked.push(target);
    if (target === SendTarget.input && this.n > 0) {
      this.n--;
      return SendOutcome.notAppended;
    }
    return SendOutcome.acked;
  }
}

const values = (records: readonly { value: InputEvent<string> | null }[]) => records.map((r) => r.value!);
const pendingEvents = (producer: Producer<string>) => producer.pending.map((p) => p.event);
const appendRecords = (history: History) => {
  const out: number[][] = [];
  for (let i = 0; i < history.data.length; i += 4) if (history.data[i] === Op.append) out.push(history.data.slice(i + 1, i + 4));
  return out;
};

describe("Producer + Broker", () => {
  it("an acked send appends once with a fresh dedupe ID and leaves nothing pending", () => {
    const { producer, input } = setup();
    const e0 = producer.produce(1, "k", "x");
    const e1 = producer.produce(1, "k", "y");
    expect(e0).toEqual({ dedupeId: "p3-0", key: "k", payload: "x" });
    expect(e1.dedupeId).toBe("p3-1");
    expect(values(input(1))).toEqual([e0, e1]);
    expect(input(0)).toEqual([]);
    expect(producer.pending).toEqual([]);
    expect(producer.producedCount).toBe(2);
    expect(producer.retry()).toBe(false);
  });

  it("the record is keyed by the event key and stamped with the clock", () => {
    const { producer, clock, input } = setup();
    clock.advance(7);
    producer.produce(0, "acct", "p");
    expect(input(0)[0]).toMatchObject({ offset: 0, key: "acct", timestampTicks: 7 });
  });

  it("a lost ACK leaves the event appended AND pending", () => {
    const { producer, network, history, input } = setup();
    loseNextAck(network, SendTarget.input);
    const event = producer.produce(0, "k", "x");
    expect(values(input(0))).toEqual([event]);
    expect(producer.pending).toMatchObject([{ partition: 0, event }]);
    const lost: number[][] = [];
    for (let i = 0; i < history.data.length; i += 4) if (history.data[i] === Op.lost) lost.push(history.data.slice(i + 1, i + 3));
    expect(lost).toEqual([[SendTarget.input, SendOutcome.ackLost]]);
  });

  it("without idempotence, a retry after a lost ACK resends the same dedupe ID as a duplicate at a new offset", () => {
    const { producer, network, input } = setup({ idempotentProducer: false });
    loseNextAck(network, SendTarget.input);
    const event = producer.produce(0, "k", "x");
    expect(producer.retry()).toBe(true);
    const records = input(0);
    expect(records.map((r) => r.offset)).toEqual([0, 1]);
    expect(records[0].value).toEqual(records[1].value);
    expect(records[1].value!.dedupeId).toBe(event.dedupeId);
    expect(records[0].batch).not.toBe(records[1].batch);
    expect(producer.pending).toEqual([]);
    expect(producer.producedCount).toBe(1);
  });

  it("with idempotence, the retry of a lost-ACK send is acknowledged without a second append", () => {
    const { producer, network, history, input } = setup({ idempotentProducer: true });
    loseNextAck(network, SendTarget.input);
    producer.produce(0, "k", "x");
    expect(producer.retry()).toBe(true);
    expect(input(0)).toHaveLength(1);
    expect(producer.pending).toEqual([]);
    // refused by the broker, recorded under the producer's actor code: 5 = duplicate
    expect(appendRecords(history).at(-1)).toEqual([actorSlot(producerActor(3), SendTarget.input, 0), -1, countOutcome(1, 5)]);
  });

  it("a retry whose ACK is lost again stays pending in its place", () => {
    const { producer, network, input } = setup();
    loseNextAck(network, SendTarget.input);
    const a = producer.produce(0, "k", "a");
    loseNextAck(network, SendTarget.input);
    const b = producer.produce(1, "k", "b");
    expect(pendingEvents(producer)).toEqual([a, b]);
    loseNextAck(network, SendTarget.input);
    producer.retry();
    expect(pendingEvents(producer)).toEqual([a, b]);
    expect(input(0)).toHaveLength(2);
    producer.retry();
    expect(pendingEvents(producer)).toEqual([b]);
    producer.retry();
    expect(producer.pending).toEqual([]);
    expect(values(input(1))).toEqual([b, b]);
  });

  it("a request lost before append appends nothing and keeps the event pending", () => {
    const network = new DropNext(1);
    const { broker, producer, input } = setup({ interceptor: network });
    const event = producer.produce(0, "k", "x");
    expect(input(0)).toEqual([]);
    expect(broker.endOffset(SendTarget.input, 0)).toBe(0);
    expect(producer.pending).toMatchObject([{ partition: 0, event }]);
    expect(producer.retry()).toBe(true);
    expect(values(input(0))).toEqual([event]);
    expect(producer.pending).toEqual([]);
    expect(network.asked).toEqual([SendTarget.input, SendTarget.input]);
  });

  it("an ambiguous error appended the write but the sender keeps it pending", () => {
    const { producer, network, input } = setup();
    network.arm(SendTarget.input, SendOutcome.ambiguous);
    const event = producer.produce(0, "k", "x");
    expect(values(input(0))).toEqual([event]);
    expect(pendingEvents(producer)).toEqual([event]);
  });

  it("retrying a later send first lands out of order without idempotence", () => {
    const network = new DropNext(2);
    const { producer, input } = setup({ interceptor: network });
    const a = producer.produce(0, "k", "a");
    const b = producer.produce(0, "k", "b");
    expect(producer.retry(1)).toBe(true);
    expect(producer.retry(0)).toBe(true);
    expect(values(input(0))).toEqual([b, a]);
  });

  it("with idempotence an out-of-order retry is refused until the earlier send lands", () => {
    const network = new DropNext(2);
    const { producer, input } = setup({ idempotentProducer: true, interceptor: network });
    const a = producer.produce(0, "k", "a");
    const b = producer.produce(0, "k", "b");
    producer.retry(1);
    expect(input(0)).toEqual([]);
    expect(pendingEvents(producer)).toEqual([a, b]);
    producer.retry(0);
    producer.retry(0);
    expect(values(input(0))).toEqual([a, b]);
    expect(producer.pending).toEqual([]);
  });

  it("sequences are per partition: sends to different partitions never block each other", () => {
    const network = new DropNext(1);
    const { producer, input } = setup({ idempotentProducer: true, interceptor: network });
    const a = producer.produce(0, "k", "a"); // lost before append
    const b = producer.produce(1, "k", "b");
    expect(values(input(1))).toEqual([b]);
    producer.retry();
    expect(values(input(0))).toEqual([a]);
  });

  it(`a retry older than the ${idempotenceWindowBatches}-batch window is treated as already appended`, () => {
    const { producer, network, input } = setup({ idempotentProducer: true });
    loseNextAck(network, SendTarget.input);
    producer.produce(0, "k", "first");
    for (let i = 0; i < idempotenceWindowBatches; i++) producer.produce(0, "k", `n${i}`);
    expect(producer.pending).toHaveLength(1);
    producer.retry();
    expect(producer.pending).toEqual([]);
    expect(input(0)).toHaveLength(1 + idempotenceWindowBatches);
  });

  it("republish sends an old event again as a new message (same dedupe ID, new offset), even with idempotence", () => {
    const { producer, input } = setup({ idempotentProducer: true });
    expect(producer.republish(0)).toBe(false); // nothing created yet
    const a = producer.produce(0, "k", "a");
    producer.produce(0, "k", "b");
    expect(producer.republish(1)).toBe(true);
    expect(producer.republish(5)).toBe(true); // wraps around the 2 events created: distance 1 again
    const records = input(0);
    expect(records.map((r) => r.value!.dedupeId)).toEqual(["p3-0", "p3-1", "p3-0", "p3-0"]);
    expect(records[2].value).toEqual(a);
    expect(producer.producedCount).toBe(2);
  });

  it("keeps every input record in the archive, also after truncation", () => {
    const { broker, producer, input } = setup();
    producer.produce(0, "k", "a");
    producer.produce(0, "k", "b");
    broker.truncateInput(0, 1);
    expect(input(0).map((r) => r.offset)).toEqual([1]);
    expect(broker.inputArchive()[0].map((r) => r.offset)).toEqual([0, 1]);
  });
});

describe("Broker", () => {
  it("produce appends a multi-entry batch atomically and records it", () => {
    const { history, changelog, client } = setup();
    client.produce(SendTarget.changelog, 1, [{ key: "x", value: 1 }]);
    const outcome = client.produce(SendTarget.changelog, 1, [{ key: "a", value: 1 }, { key: "b", value: null }]);
    expect(outcome).toBe(SendOutcome.acked);
    const records = changelog(1);
    expect(records.map((r) => r.offset)).toEqual([0, 1, 2]);
    expect(records[1].batch).toBe(records[2].batch);
    // the append record carries the writer (actor 0), the batch's first offset (1) and its size
    expect(appendRecords(history).at(-1)).toEqual([actorSlot(0, SendTarget.changelog, 1), 1, countOutcome(2, SendOutcome.acked)]);
  });

  it("epoch fencing refuses changelog writes from an older epoch", () => {
    const { changelog, client } = setup();
    expect(client.produce(SendTarget.changelog, 0, [{ key: "a", value: 1 }], 2)).toBe(SendOutcome.acked);
    expect(client.produce(SendTarget.changelog, 0, [{ key: "b", value: 1 }], 1)).toBe(SendOutcome.fenced);
    expect(client.produce(SendTarget.changelog, 0, [{ key: "c", value: 1 }], 2)).toBe(SendOutcome.acked);
    expect(client.produce(SendTarget.changelog, 0, [{ key: "d", value: 1 }])).toBe(SendOutcome.acked); // unfenced write
    expect(client.produce(SendTarget.changelog, 1, [{ key: "e", value: 1 }], 0)).toBe(SendOutcome.acked); // per partition
    expect(changelog(0).map((r) => r.key)).toEqual(["a", "c", "d"]);
  });

  it("a lost ACK hides a fenced refusal: nothing is appended", () => {
    const { network, changelog, client } = setup();
    client.produce(SendTarget.changelog, 0, [{ key: "a", value: 1 }], 2);
    loseNextAck(network, SendTarget.changelog);
    expect(client.produce(SendTarget.changelog, 0, [{ key: "b", value: 1 }], 1)).toBe(SendOutcome.ackLost);
    expect(changelog(0)).toHaveLength(1);
  });

  it("compactChangelog compacts with the configured settings and records the count", () => {
    const { broker, history, clock, changelog, client } = setup();
    for (let i = 0; i < 9; i++) client.produce(SendTarget.changelog, 0, [{ key: "k", value: i }]);
    clock.advance(1);
    // segments of 4: [0..3] [4..7] [8] active; the head's latest k is offset 7
    expect(broker.compactChangelog(0)).toBe(7);
    expect(changelog(0).map((r) => r.offset)).toEqual([7, 8]);
    expect(history.data.slice(-4)).toEqual([Op.compact, topicPartition(SendTarget.changelog, 0), 7, 0]);
  });
});

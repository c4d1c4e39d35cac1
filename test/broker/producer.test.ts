import { describe, expect, it } from "vitest";
import { Broker } from "../../src/broker/broker.ts";
import { type InputEvent, Producer } from "../../src/broker/producer.ts";
import { type SendInterceptor, SendOutcome, SendTarget } from "../../src/broker/send-outcome.ts";
import { VirtualClock } from "../../src/core/clock.ts";
import { History, Op } from "../../src/core/history.ts";
import { LostAckFaults } from "../../src/faults/lost-ack.ts";

function setup(network: SendInterceptor = new LostAckFaults()) {
  const clock = new VirtualClock();
  const history = new History();
  const broker = new Broker<InputEvent<string>, unknown, unknown>(
    { partitions: 2, changelogCompaction: { segmentRecords: 4, deleteRetentionTicks: 10 } },
    clock,
    history,
    network,
  );
  const producer = new Producer<string>(3, broker as Broker<InputEvent<string>, unknown, unknown>);
  return { clock, history, broker, producer };
}

/** Records the targets asked about; fails the next `n` input sends before append. */
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

describe("Producer + Broker", () => {
  it("an acked send appends once with a fresh dedupe ID and leaves nothing pending", () => {
    const { broker, producer } = setup();
    const e0 = producer.produce(1, "k", "x");
    const e1 = producer.produce(1, "k", "y");
    expect(e0).toEqual({ dedupeId: "p3-0", key: "k", payload: "x" });
    expect(e1.dedupeId).toBe("p3-1");
    expect(values(broker.input.partitions[1].records)).toEqual([e0, e1]);
    expect(broker.input.partitions[0].records).toEqual([]);
    expect(producer.pending).toEqual([]);
    expect(producer.producedCount).toBe(2);
    expect(producer.retry()).toBe(false);
  });

  it("the record is keyed by the event key and stamped with the clock", () => {
    const { broker, producer, clock } = setup();
    clock.advance(7);
    producer.produce(0, "acct", "p");
    expect(broker.input.partitions[0].records[0]).toMatchObject({ offset: 0, key: "acct", timestampTicks: 7 });
  });

  it("a lost ACK leaves the event appended AND pending", () => {
    const faults = new LostAckFaults();
    const { broker, producer } = setup(faults);
    faults.arm(SendTarget.input);
    const event = producer.produce(0, "k", "x");
    expect(values(broker.input.partitions[0].records)).toEqual([event]);
    expect(producer.pending).toEqual([{ partition: 0, event }]);
    expect(faults.lost).toEqual([1, 0, 0]);
  });

  it("a retry after a lost ACK resends the same dedupe ID, creating a duplicate at a new offset", () => {
    const faults = new LostAckFaults();
    const { broker, producer } = setup(faults);
    faults.arm(SendTarget.input);
    const event = producer.produce(0, "k", "x");
    expect(producer.retry()).toBe(true);
    const records = broker.input.partitions[0].records;
    expect(records.map((r) => r.offset)).toEqual([0, 1]);
    expect(records[0].value).toEqual(records[1].value);
    expect(records[1].value!.dedupeId).toBe(event.dedupeId);
    expect(records[0].batch).not.toBe(records[1].batch);
    expect(producer.pending).toEqual([]);
    expect(producer.producedCount).toBe(1);
  });

  it("a retry whose ACK is lost again stays pending at the front", () => {
    const faults = new LostAckFaults();
    const { broker, producer } = setup(faults);
    faults.arm(SendTarget.input);
    const a = producer.produce(0, "k", "a");
    faults.arm(SendTarget.input);
    const b = producer.produce(1, "k", "b");
    expect(producer.pending.map((p) => p.event)).toEqual([a, b]);
    faults.arm(SendTarget.input);
    producer.retry();
    expect(producer.pending.map((p) => p.event)).toEqual([a, b]);
    expect(broker.input.partitions[0].records).toHaveLength(2);
    producer.retry();
    expect(producer.pending.map((p) => p.event)).toEqual([b]);
    producer.retry();
    expect(producer.pending).toEqual([]);
    expect(values(broker.input.partitions[1].records)).toEqual([b, b]);
  });

  it("only the armed sender kind loses its ACK, once per arm", () => {
    const faults = new LostAckFaults();
    const { producer } = setup(faults);
    faults.arm(SendTarget.changelog);
    producer.produce(0, "k", "x");
    expect(producer.pending).toEqual([]);
    expect(faults.outcome(SendTarget.output)).toBe(SendOutcome.acked);
    expect(faults.outcome(SendTarget.changelog)).toBe(SendOutcome.ackLost);
    expect(faults.outcome(SendTarget.changelog)).toBe(SendOutcome.acked);
    expect(faults.lost).toEqual([0, 1, 0]);
  });

  it("heal disarms every pending lost ACK", () => {
    const faults = new LostAckFaults();
    const { producer } = setup(faults);
    faults.arm(SendTarget.input);
    faults.arm(SendTarget.input);
    faults.heal();
    producer.produce(0, "k", "x");
    expect(producer.pending).toEqual([]);
    expect(faults.lost).toEqual([0, 0, 0]);
  });

  it("a request lost before append appends nothing and keeps the event pending", () => {
    const network = new DropNext(1);
    const { broker, producer, history } = setup(network);
    const event = producer.produce(0, "k", "x");
    expect(broker.input.partitions[0].records).toEqual([]);
    expect(broker.input.partitions[0].endOffset).toBe(0);
    expect(producer.pending).toEqual([{ partition: 0, event }]);
    expect(history.data.slice(-4)).toEqual([Op.append, SendTarget.input * 256 + 0, 0, 1 * 8 + SendOutcome.notAppended]);
    expect(producer.retry()).toBe(true);
    expect(values(broker.input.partitions[0].records)).toEqual([event]);
    expect(producer.pending).toEqual([]);
    expect(network.asked).toEqual([SendTarget.input, SendTarget.input]);
  });

  it("broker.produce appends a multi-entry batch atomically and records it", () => {
    const { broker, history } = setup();
    broker.produce(broker.changelog, 1, [{ key: "x", value: 1 }]);
    const outcome = broker.produce(broker.changelog, 1, [{ key: "a", value: 1 }, { key: "b", value: null }]);
    expect(outcome).toBe(SendOutcome.acked);
    const log = broker.changelog.partitions[1];
    expect(log.records.map((r) => r.offset)).toEqual([0, 1, 2]);
    expect(log.records[1].batch).toBe(log.records[2].batch);
    expect(history.data.slice(-4)).toEqual([Op.append, SendTarget.changelog * 256 + 1, 1, 2 * 8 + SendOutcome.acked]);
  });

  it("broker.compactChangelog compacts with the configured settings and records the count", () => {
    const { broker, history, clock } = setup();
    const log = broker.changelog.partitions[0];
    for (let i = 0; i < 9; i++) broker.produce(broker.changelog, 0, [{ key: "k", value: i }]);
    clock.advance(1);
    // segments of 4: [0..3] [4..7] [8] active; head latest for k is offset 7
    expect(broker.compactChangelog(0)).toBe(7);
    expect(log.records.map((r) => r.offset)).toEqual([7, 8]);
    expect(history.data.slice(-4)).toEqual([Op.compact, SendTarget.changelog * 256 + 0, 7, 0]);
  });
});

import { describe, expect, it } from "vitest";
import { SendOutcome, SendTarget } from "../../src/broker/send-outcome.ts";
import { Op } from "../../src/core/history.ts";
import { lostAckFault, lostAckIntent } from "../../src/faults/lost-ack.ts";
import { lostRequestIntent } from "../../src/faults/lost-request.ts";
import { retryOldestDraw } from "../../src/faults/retry-draw.ts";
import { bites, drawNames } from "../helpers/faults.ts";
import { newWorld, produce, recordsOf, logOf } from "../helpers/world.ts";

describe("lost-ack", () => {
  it("the next send of the target is appended but unacknowledged: it stays pending and a retry appends it again", () => {
    const world = newWorld({}, false);
    expect(lostAckIntent.apply(world, { k: "lost-ack", target: SendTarget.input })).toBe(true);
    produce(world, 0, 1);
    const log = logOf(world.broker, SendTarget.input, 0);
    expect(log.endOffset).toBe(1);
    expect(world.producers[0].pending).toHaveLength(1);
    expect(recordsOf(world.history, Op.lost)).toEqual([[SendTarget.input, SendOutcome.ackLost, 0]]);
    expect(world.producers[0].retry(0)).toBe(true);
    expect(log.records.map((r) => r.value!.dedupeId)).toEqual(["p0-0", "p0-0"]);
    expect(world.producers[0].pending).toHaveLength(0);
  });

  it("hits only its target: an armed output ACK leaves input sends alone", () => {
    const world = newWorld();
    lostAckIntent.apply(world, { k: "lost-ack", target: SendTarget.output });
    produce(world, 0, 1);
    expect(world.producers[0].pending).toHaveLength(0);
    expect(recordsOf(world.history, Op.lost)).toEqual([]);
  });

  it("heal disarms lost ACKs still armed, and only those", () => {
    const world = newWorld();
    lostAckIntent.apply(world, { k: "lost-ack", target: SendTarget.input });
    lostAckIntent.apply(world, { k: "lost-ack", target: SendTarget.input });
    lostRequestIntent.apply(world, { k: "lost-request", target: SendTarget.input });
    lostAckFault.heal!(world);
    produce(world, 0, 1); // meets the lost request, not a lost ACK
    expect(recordsOf(world.history, Op.lost)).toEqual([[SendTarget.input, SendOutcome.notAppended, 0]]);
    world.producers[0].retry(0);
    produce(world, 1, 2);
    expect(logOf(world.broker, SendTarget.input, 0).endOffset).toBe(2);
    expect(world.producers[0].pending).toHaveLength(0);
    expect(recordsOf(world.history, Op.lost)).toHaveLength(1);
  });

  it("is drawn with retries of the oldest pending send, and bites when a send meets it", () => {
    expect(drawNames(lostAckFault)).toEqual(["lost-ack", "retry"]);
    expect(lostAckFault.draws[1]).toBe(retryOldestDraw);
    expect(retryOldestDraw.fields).toEqual({ producer: { kind: "producer" }, index: { kind: "fixed", value: 0 } });
    expect(bites(lostAckFault, [[Op.lost, SendTarget.changelog, SendOutcome.ackLost, 0]])).toBe(true);
    expect(bites(lostAckFault, [[Op.lost, SendTarget.changelog, SendOutcome.notAppended, 0]])).toBe(false);
    expect(bites(lostAckFault, [[Op.intent, 0, lostAckIntent.code, 1]])).toBe(false); // armed is not bitten
    expect(lostAckIntent.describe({ k: "lost-ack", target: SendTarget.changelog })).toBe("lose the ACK of the next changelog send");
  });
});

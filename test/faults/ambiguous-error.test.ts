import { describe, expect, it } from "vitest";
import { SendOutcome, SendTarget } from "../../src/broker/send-outcome.ts";
import { Op } from "../../src/core/history.ts";
import { ambiguousErrorFault, ambiguousErrorIntent } from "../../src/faults/ambiguous-error.ts";
import { lostAckIntent } from "../../src/faults/lost-ack.ts";
import { bites, drawNames } from "../helpers/faults.ts";
import { newWorld, produce, recordsOf, logOf } from "../helpers/world.ts";

describe("ambiguous-error", () => {
  it("the next send of the target is appended but answered with an error: it stays pending", () => {
    const world = newWorld({}, false);
    expect(ambiguousErrorIntent.apply(world, { k: "ambiguous-error", target: SendTarget.input })).toBe(true);
    produce(world, 0, 1);
    expect(logOf(world.broker, SendTarget.input, 0).endOffset).toBe(1);
    expect(world.producers[0].pending).toHaveLength(1);
    expect(recordsOf(world.history, Op.lost)).toEqual([[SendTarget.input, SendOutcome.ambiguous, 0]]);
    world.producers[0].retry(0);
    expect(logOf(world.broker, SendTarget.input, 0).endOffset).toBe(2); // no idempotent producer: a duplicate
  });

  it("heal disarms ambiguous errors still armed, and only those", () => {
    const world = newWorld();
    ambiguousErrorIntent.apply(world, { k: "ambiguous-error", target: SendTarget.input });
    lostAckIntent.apply(world, { k: "lost-ack", target: SendTarget.input });
    ambiguousErrorFault.heal!(world);
    produce(world, 0, 1);
    expect(recordsOf(world.history, Op.lost)).toEqual([[SendTarget.input, SendOutcome.ackLost, 0]]);
  });

  it("is drawn with retries of the oldest pending send, and bites when a send meets it", () => {
    expect(drawNames(ambiguousErrorFault)).toEqual(["ambiguous-error", "retry"]);
    expect(bites(ambiguousErrorFault, [[Op.lost, SendTarget.output, SendOutcome.ambiguous, 0]])).toBe(true);
    expect(bites(ambiguousErrorFault, [[Op.lost, SendTarget.output, SendOutcome.ackLost, 0]])).toBe(false);
    expect(ambiguousErrorIntent.describe({ k: "ambiguous-error", target: SendTarget.input })).toBe("append the next input send but answer with an error");
  });
});

import { describe, expect, it } from "vitest";
import { SendOutcome, SendTarget } from "../../src/broker/send-outcome.ts";
import { Op } from "../../src/core/history.ts";
import { ambiguousErrorIntent } from "../../src/faults/ambiguous-error.ts";
import { lostRequestFault, lostRequestIntent } from "../../src/faults/lost-request.ts";
import { retryOldestDraw } from "../../src/faults/retry-draw.ts";
import { bites, drawNames } from "../helpers/faults.ts";
import { newWorld, produce, recordsOf, logOf } from "../helpers/world.ts";

describe("lost-request", () => {
  it("the next send of the target never reaches the broker: nothing is appended, the send stays pending, a retry appends it once", () => {
    const world = newWorld({}, false);
    expect(lostRequestIntent.apply(world, { k: "lost-request", target: SendTarget.input })).toBe(true);
    produce(world, 0, 1);
    const log = logOf(world.broker, SendTarget.input, 0);
    expect(log.endOffset).toBe(0);
    expect(world.producers[0].pending).toHaveLength(1);
    expect(recordsOf(world.history, Op.lost)).toEqual([[SendTarget.input, SendOutcome.notAppended, 0]]);
    world.producers[0].retry(0);
    expect(log.records.map((r) => r.value!.dedupeId)).toEqual(["p0-0"]);
  });

  it("heal disarms lost requests still armed, and only those", () => {
    const world = newWorld();
    lostRequestIntent.apply(world, { k: "lost-request", target: SendTarget.input });
    ambiguousErrorIntent.apply(world, { k: "ambiguous-error", target: SendTarget.input });
    lostRequestFault.heal!(world);
    produce(world, 0, 1);
    expect(recordsOf(world.history, Op.lost)).toEqual([[SendTarget.input, SendOutcome.ambiguous, 0]]);
    expect(logOf(world.broker, SendTarget.input, 0).endOffset).toBe(1); // the ambiguous one was appended
  });

  it("is drawn with retries of the oldest pending send, and bites when a send meets it", () => {
    expect(drawNames(lostRequestFault)).toEqual(["lost-request", "retry"]);
    expect(lostRequestFault.draws[1]).toBe(retryOldestDraw);
    expect(bites(lostRequestFault, [[Op.lost, SendTarget.input, SendOutcome.notAppended, 0]])).toBe(true);
    expect(bites(lostRequestFault, [[Op.lost, SendTarget.input, SendOutcome.ackLost, 0]])).toBe(false);
    expect(lostRequestIntent.describe({ k: "lost-request", target: SendTarget.output })).toBe("lose the next output request before it is appended");
  });
});

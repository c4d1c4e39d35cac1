import { describe, expect, it } from "vitest";
import { SendTarget } from "../../src/broker/send-outcome.ts";
import { Op } from "../../src/core/history.ts";
import { storeSlot } from "../../src/core/packed-fields.ts";
import { stateHash } from "../../src/core/state-hash.ts";
import { crashInstanceAt } from "../../src/faults/crash.ts";
import { IntentSchema } from "../../src/schedule/intent-schema.ts";
import { describeIntent } from "../../src/schedule/describe-intent.ts";
import { Schema } from "effect";
import { CrashPoint, crashPointNames } from "../../src/runtime/task-phase.ts";
import { runSchedule } from "../../src/sim/run-schedule.ts";
import { ledgerConfig, newWorld, produce, recordsOf, stepUntilIdle } from "../helpers/world.ts";

describe("aimed crashes", () => {
  it.each([CrashPoint.polled, CrashPoint.processed, CrashPoint.committed, CrashPoint.logged, CrashPoint.sent])(
    "step the instance to crash point %i of an input's cycle, then crash it there",
    (point) => {
      const world = newWorld();
      const instance = world.hosts[0];
      stepUntilIdle(world, 0); // assigned, fenced, restored: waiting for input
      produce(world, 0, 1);
      expect(crashInstanceAt(instance, point, 16)).toBe(point);
      expect(instance.alive).toBe(false);
      // the host records where the crash landed and, + 1, where it was aimed
      expect(recordsOf(world.history, Op.crash)).toEqual([[0, point, point + 1]]);
    },
  );

  it("a crash after the store commit leaves the commit on disk and the changelog without it", () => {
    const world = newWorld();
    stepUntilIdle(world, 0);
    produce(world, 0, 1);
    const changelogBefore = world.broker.endOffset(SendTarget.changelog, 0);
    const commitsBefore = recordsOf(world.history, Op.storeCommit).length;
    crashInstanceAt(world.hosts[0], CrashPoint.committed, 16);
    // the store recorded the input's transaction (next offset 1), and it is on disk
    expect(recordsOf(world.history, Op.storeCommit).slice(commitsBefore)).toEqual([[storeSlot(0, 0), 1, stateHash(new Map([["acct-0", 2]]))]]);
    expect(world.instances[0].disk.find(0)!.nextOffset).toBe(1);
    expect(world.instances[0].disk.find(0)!.get("acct-0")).toBe(2);
    expect(world.broker.endOffset(SendTarget.changelog, 0)).toBe(changelogBefore);
  });

  it("crashes where the instance got to when the point is out of reach, and is a no-op on a dead instance", () => {
    const world = newWorld();
    const instance = world.hosts[0];
    stepUntilIdle(world, 0); // no input: an input's cycle cannot start
    expect(crashInstanceAt(instance, CrashPoint.committed, 16)).toBe(CrashPoint.ready);
    // a miss: the crash landed before a poll, aimed after the commit
    expect(recordsOf(world.history, Op.crash)).toEqual([[0, CrashPoint.ready, CrashPoint.committed + 1]]);
    expect(crashInstanceAt(instance, CrashPoint.committed, 16)).toBeNull();
  });

  it("never takes more steps than allowed", () => {
    const world = newWorld();
    produce(world, 0, 1);
    // fencing and restore come first: two steps do not reach the commit
    expect(crashInstanceAt(world.hosts[0], CrashPoint.committed, 2)).not.toBe(CrashPoint.committed);
    // no transaction of the input was committed (no store commit past offset 0)
    expect(recordsOf(world.history, Op.storeCommit).filter(([, next]) => next > 0)).toHaveLength(0);
  });

  it("is an intent: shown by name, accepted in repro files with or without a point, replayed the same", () => {
    expect(describeIntent({ k: "crash", instance: 1, point: 3 })).toBe(`crash instance 1 (or the next with partitions) once it reaches ${crashPointNames[3]}`);
    expect(describeIntent({ k: "crash", instance: 1 })).toBe("crash instance 1");
    const decode = Schema.decodeUnknownSync(IntentSchema);
    expect(decode({ k: "crash", instance: 0, point: 3 })).toEqual({ k: "crash", instance: 0, point: 3 });
    expect(decode({ k: "crash", instance: 0 })).toEqual({ k: "crash", instance: 0 });
    const schedule = { seed: 3, faultMix: {}, intents: [{ k: "produce" as const, producer: 0, key: 0, draw: 1 }, { k: "crash" as const, instance: 0, point: CrashPoint.committed }] };
    const first = runSchedule(ledgerConfig(), schedule);
    expect(recordsOf(first.history, Op.crash)).toEqual([[0, CrashPoint.committed, CrashPoint.committed + 1]]);
    expect(runSchedule(ledgerConfig(), schedule).history.hex()).toBe(first.history.hex());
  });
});

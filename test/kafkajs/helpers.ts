/** Shared set-up of the simulated kafkajs client's tests: fake timers and a module over a fake port. */
import { vi } from "vitest";
import { type KafkajsModule, kafkajsModule } from "../../src/kafkajs/kafkajs-module.ts";
import { FakePort } from "./fake-port.ts";

/** Fast retries, so backoff takes a few virtual milliseconds. */
export const fastRetry = { initialRetryTime: 10, maxRetryTime: 50, retries: 3 } as const;

/** Fake timers (not setImmediate, which the fake port's flush uses) and a world with an input and an output topic. */
export function setUp(topics: Record<string, number> = { input: 2, output: 3 }): { port: FakePort; kafkajs: KafkajsModule } {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
  const port = new FakePort(topics, "input");
  return { port, kafkajs: kafkajsModule(port) };
}

/** A consumer of the group topic "input" from the beginning, with fast retries. */
export async function consumerOf(kafkajs: KafkajsModule, retry: object = fastRetry) {
  const consumer = new kafkajs.Kafka({ brokers: [] }).consumer({ groupId: "g", retry, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: ["input"], fromBeginning: true });
  return consumer;
}

/** The group's accepted commits, as "partition@offset" lists. */
export function committed(port: FakePort): string[] {
  return port.commits.map((c) => c.offsets.map((o) => `${o.partition}@${o.offset}`).join(","));
}

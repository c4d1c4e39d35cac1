/**
 * The simulated client runs bundled inside a vm sandbox: it must bundle without any import
 * from outside src/kafkajs/ (no node: modules, no packages) and work in another realm with
 * only the globals the sandbox gives.
 */
import vm from "node:vm";
import { build } from "esbuild";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { KafkajsModule } from "../../src/kafkajs/kafkajs-module.ts";
import { FakePort } from "./fake-port.ts";

afterEach(() => {
  vi.useRealTimers();
});

async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [new URL("../../src/kafkajs/kafkajs-module.ts", import.meta.url).pathname],
    bundle: true,
    write: false,
    format: "iife",
    globalName: "simulatedKafkajs",
    platform: "neutral",
    logLevel: "silent",
  });
  return result.outputFiles[0].text;
}

describe("simulated kafkajs in a sandbox", () => {
  it("bundles with no import from outside src/kafkajs/", async () => {
    const code = await bundle();
    expect(code).not.toMatch(/\brequire\(/);
    expect(code).not.toMatch(/\bimport\b\s*[("']/);
  });

  it("runs in a vm realm with only the sandbox's globals", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
    const code = await bundle();
    const context = vm.createContext({ Buffer, setTimeout, clearTimeout, setInterval, clearInterval, setImmediate, queueMicrotask });
    vm.runInContext(code, context);
    const { kafkajsModule } = vm.runInContext("simulatedKafkajs", context) as { kafkajsModule: (port: FakePort) => KafkajsModule };
    const port = new FakePort({ input: 1, output: 2 }, "input");
    port.append("input", 0, ["a", "b"]);
    const kafkajs = kafkajsModule(port);
    const kafka = new kafkajs.Kafka({ brokers: [] });
    const producer = kafka.producer();
    await producer.connect();
    const consumer = kafka.consumer({ groupId: "g" });
    await consumer.subscribe({ topics: [/^input$/], fromBeginning: true });
    const sent: Array<Promise<unknown>> = [];
    void consumer.run({
      eachMessage: async ({ message }) => {
        sent.push(producer.send({ topic: "output", messages: [{ key: message.value, value: message.value }] }));
      },
    });
    await port.settleAll();
    await Promise.all(sent);
    expect([...port.values("output", 0), ...port.values("output", 1)].sort()).toEqual(["a", "b"]);
    expect(port.commits.map((c) => c.offsets)).toEqual([[{ partition: 0, offset: 2 }]]);
  });
});

/**
 * The simulated client's objects are assignable to kafkajs 2.2.4's own types, so a service
 * written against kafkajs typechecks against what it gets inside the sandbox. The type
 * checks are done by `tsc --noEmit` (this file is in the project); the runtime assertions
 * check that the objects behind the types are there.
 */
import type * as K from "kafkajs";
import { afterEach, describe, expect, expectTypeOf, it, vi } from "vitest";
import type { KafkaMessage, RecordMetadata } from "../../src/kafkajs/client-types.ts";
import type { Batch, EachBatchPayload, EachMessagePayload } from "../../src/kafkajs/consumer-types.ts";
import { setUp } from "./helpers.ts";

afterEach(() => {
  vi.useRealTimers();
});

describe("simulated kafkajs conforms to kafkajs's types", () => {
  it("Kafka, Producer, Consumer and Admin are assignable to kafkajs's", () => {
    const { kafkajs } = setUp();
    const kafka: K.Kafka = new kafkajs.Kafka({ brokers: ["sim:9092"], clientId: "svc" });
    const producer: K.Producer = kafka.producer({ idempotent: true, createPartitioner: kafkajs.Partitioners.DefaultPartitioner });
    const consumer: K.Consumer = kafka.consumer({ groupId: "g", sessionTimeout: 10_000, heartbeatInterval: 1000 });
    const admin: K.Admin = kafka.admin();
    const logger: K.Logger = kafka.logger();
    expect(typeof producer.send).toBe("function");
    expect(consumer.events.GROUP_JOIN).toBe("consumer.group_join");
    expect(typeof admin.fetchOffsets).toBe("function");
    expect(() => logger.info("ignored")).not.toThrow();
  });

  it("payloads and records are assignable to kafkajs's", () => {
    expectTypeOf<EachMessagePayload>().toExtend<K.EachMessagePayload>();
    expectTypeOf<EachBatchPayload>().toExtend<K.EachBatchPayload>();
    expectTypeOf<Batch>().toExtend<K.Batch>();
    expectTypeOf<RecordMetadata>().toExtend<K.RecordMetadata>();
    expectTypeOf<KafkaMessage>().toExtend<K.KafkaMessage>();
    // And the other way: what a service passes in is what the simulated client accepts.
    expectTypeOf<K.ConsumerRunConfig>().toExtend<Parameters<K.Consumer["run"]>[0]>();
    expect(true).toBe(true);
  });

  it("the module's constants and error classes match kafkajs's", () => {
    const { kafkajs } = setUp();
    const partitioners: typeof K.Partitioners = kafkajs.Partitioners;
    const compression: Record<keyof typeof K.CompressionTypes, number> = kafkajs.CompressionTypes;
    const level: Record<keyof typeof K.logLevel, number> = kafkajs.logLevel;
    const protocolError: K.KafkaJSProtocolError = new kafkajs.KafkaJSProtocolError({ type: "REQUEST_TIMED_OUT", code: 7, retriable: true, message: "m" });
    const exceeded: K.KafkaJSNumberOfRetriesExceeded = new kafkajs.KafkaJSNumberOfRetriesExceeded(protocolError, { retryCount: 5, retryTime: 300 });
    const outOfRange: K.KafkaJSOffsetOutOfRange = new kafkajs.KafkaJSOffsetOutOfRange("x", { topic: "t", partition: 0 });
    expect(typeof partitioners.JavaCompatiblePartitioner).toBe("function");
    expect(compression.GZIP).toBe(1);
    expect(level.INFO).toBe(4);
    expect(exceeded).toBeInstanceOf(kafkajs.KafkaJSNonRetriableError);
    expect(exceeded.cause).toBe(protocolError);
    expect(outOfRange).toBeInstanceOf(kafkajs.KafkaJSProtocolError);
    expect(kafkajs.default).toBe(kafkajs);
  });

  it("each call of kafkajsModule makes a fresh module with its own Kafka class", async () => {
    const { kafkajsModule } = await import("../../src/kafkajs/kafkajs-module.ts");
    const { port } = setUp();
    const a = kafkajsModule(port);
    const b = kafkajsModule(port);
    expect(a.Kafka).not.toBe(b.Kafka);
    expect(a.CompressionCodecs).not.toBe(b.CompressionCodecs);
    expect(a.KafkaJSError).toBe(b.KafkaJSError);
  });
});

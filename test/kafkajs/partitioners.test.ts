import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PartitionMetadata } from "../../src/kafkajs/client-types.ts";
import { Partitioners } from "../../src/kafkajs/partitioners.ts";

// kafkajs itself, in this test only: the simulated partitioners must pick its partitions.
const require = createRequire(import.meta.url);
const real = require("kafkajs").Partitioners as typeof Partitioners;

const metadata = (count: number): PartitionMetadata[] =>
  Array.from({ length: count }, (_, partitionId) => ({ partitionErrorCode: 0, partitionId, leader: 0, replicas: [0], isr: [0] }));

describe("simulated kafkajs partitioners", () => {
  for (const name of ["DefaultPartitioner", "LegacyPartitioner", "JavaCompatiblePartitioner"] as const) {
    it(`${name} gives kafkajs's partition for every key`, () => {
      const ours = Partitioners[name]();
      const theirs = real[name]();
      fc.assert(
        fc.property(fc.oneof(fc.string(), fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a))), fc.integer({ min: 1, max: 64 }), (key, count) => {
          const args = { topic: "t", partitionMetadata: metadata(count), message: { key, value: null } };
          expect(ours(args)).toBe(theirs(args));
        }),
        { numRuns: 500 },
      );
    });
  }

  it("Java-compatible murmur2 on known keys (the Java client's partitions for 3 partitions)", () => {
    const partition = Partitioners.DefaultPartitioner();
    const of = (key: string) => partition({ topic: "t", partitionMetadata: metadata(3), message: { key, value: null } });
    const real3 = real.DefaultPartitioner();
    for (const key of ["", "a", "ab", "abc", "abcd", "abcde", "order-17", "customer-42"]) {
      expect(of(key)).toBe(real3({ topic: "t", partitionMetadata: metadata(3), message: { key, value: null } }));
    }
  });

  it("an explicit partition wins over the key; keyless messages rotate over the partitions", () => {
    const partition = Partitioners.DefaultPartitioner();
    expect(partition({ topic: "t", partitionMetadata: metadata(4), message: { key: "k", partition: 3, value: null } })).toBe(3);
    const keyless = Array.from({ length: 8 }, () => partition({ topic: "u", partitionMetadata: metadata(4), message: { value: null } }));
    expect(new Set(keyless).size).toBe(4);
    for (let i = 1; i < keyless.length; i++) expect(keyless[i]).toBe((keyless[i - 1] + 1) % 4);
  });
});

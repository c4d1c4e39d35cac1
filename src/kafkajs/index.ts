/**
 * `eosim/kafkajs`: the simulated kafkajs 2.2.4 client. A service running under eosim gets it
 * in place of `kafkajs` (its `import ... from "kafkajs"` is bound to it, one module object per
 * instance life); this entry point is for code that builds it over its own port, such as a
 * test of a custom world, and for its types.
 */
export { kafkajsModule, CompressionTypes } from "./kafkajs-module.ts";
export type { KafkajsModule } from "./kafkajs-module.ts";
export type { PortBatch, PortErrorCode, PortJoined, PortMessage, PortPosition, PortRecord, PortTopicOffsets, Settle, SimPort } from "./sim-port.ts";

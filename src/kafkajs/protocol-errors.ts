/**
 * The rows of kafkajs 2.2.4's protocol error table (src/protocol/error.js) for every error a
 * port call can settle with, plus the coordinator errors the runner reacts to. Type, code,
 * retriable and message are copied verbatim: services branch on `type`, `code` and
 * `retriable`, and log the message.
 */
import { KafkaJSOffsetOutOfRange, KafkaJSProtocolError, type ProtocolErrorInfo } from "./errors.ts";
import type { PortErrorCode } from "./sim-port.ts";

/** kafkajs's table rows, by type. */
export const protocolErrors: Readonly<Record<PortErrorCode | "NOT_COORDINATOR_FOR_GROUP", ProtocolErrorInfo>> = {
  OFFSET_OUT_OF_RANGE: {
    type: "OFFSET_OUT_OF_RANGE",
    code: 1,
    retriable: false,
    message: "The requested offset is not within the range of offsets maintained by the server",
  },
  UNKNOWN_TOPIC_OR_PARTITION: {
    type: "UNKNOWN_TOPIC_OR_PARTITION",
    code: 3,
    retriable: true,
    message: "This server does not host this topic-partition",
  },
  NOT_LEADER_FOR_PARTITION: {
    type: "NOT_LEADER_FOR_PARTITION",
    code: 6,
    retriable: true,
    message: "This server is not the leader for that topic-partition",
  },
  REQUEST_TIMED_OUT: { type: "REQUEST_TIMED_OUT", code: 7, retriable: true, message: "The request timed out" },
  NETWORK_EXCEPTION: {
    type: "NETWORK_EXCEPTION",
    code: 13,
    retriable: true,
    message: "The server disconnected before a response was received",
  },
  NOT_COORDINATOR_FOR_GROUP: {
    type: "NOT_COORDINATOR_FOR_GROUP",
    code: 16,
    retriable: true,
    message: "This is not the correct coordinator for this group",
  },
  ILLEGAL_GENERATION: { type: "ILLEGAL_GENERATION", code: 22, retriable: false, message: "Specified group generation id is not valid" },
  UNKNOWN_MEMBER_ID: { type: "UNKNOWN_MEMBER_ID", code: 25, retriable: false, message: "The coordinator is not aware of this member" },
  REBALANCE_IN_PROGRESS: {
    type: "REBALANCE_IN_PROGRESS",
    code: 27,
    retriable: false,
    message: "The group is rebalancing, so a rejoin is needed",
  },
  OUT_OF_ORDER_SEQUENCE_NUMBER: {
    type: "OUT_OF_ORDER_SEQUENCE_NUMBER",
    code: 45,
    retriable: false,
    message: "The broker received an out of order sequence number",
  },
  INVALID_PRODUCER_EPOCH: {
    type: "INVALID_PRODUCER_EPOCH",
    code: 47,
    retriable: false,
    message:
      "Producer attempted an operation with an old epoch. Either there is a newer producer with the same transactionalId, or the producer's transaction has been expired by the broker",
  },
};

/** The kafkajs error for a port error code (a fetch's OFFSET_OUT_OF_RANGE names its partition). */
export function protocolError(code: PortErrorCode, where?: { topic: string; partition: number }): KafkaJSProtocolError {
  const info = protocolErrors[code];
  if (code === "OFFSET_OUT_OF_RANGE" && where) return new KafkaJSOffsetOutOfRange(info, where);
  return new KafkaJSProtocolError(info);
}

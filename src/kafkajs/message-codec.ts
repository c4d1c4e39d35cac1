/**
 * Messages across the port: keys, values and header values travel as byte strings (latin1,
 * one char per byte), so every Buffer arrives byte for byte; strings are encoded as kafkajs
 * encodes them (UTF-8). Consumed messages come back as kafkajs's KafkaMessage: Buffers, and
 * offset and timestamp as decimal strings.
 */
import type { IHeaders, KafkaMessage, Message } from "./client-types.ts";
import type { PortMessage, PortRecord, SimPort } from "./sim-port.ts";

function bytes(x: Buffer | string): string {
  return (Buffer.isBuffer(x) ? x : Buffer.from(String(x))).toString("latin1");
}

function encodeHeaders(port: SimPort, headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers === undefined || headers === null) return out;
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      throw port.unsupported(`producer.send: header "${name}" has several values; eosim's simulated kafkajs carries one value per header name`);
    }
    out[name] = bytes(value);
  }
  return out;
}

/** A message to produce as it crosses the port; `now` stamps messages without a timestamp. */
export function encodeMessage(port: SimPort, message: Message, now: number): PortMessage {
  const key = message.key === undefined || message.key === null ? null : bytes(message.key);
  const value = message.value === null ? null : bytes(message.value);
  const timestamp = message.timestamp === undefined ? now : Number(message.timestamp);
  return { key, value, headers: encodeHeaders(port, message.headers), timestamp };
}

/** A fetched record as kafkajs hands it to eachMessage / eachBatch. */
export function decodeRecord(record: PortRecord): KafkaMessage {
  const headers: IHeaders = {};
  for (const [name, value] of Object.entries(record.headers)) headers[name] = Buffer.from(value, "latin1");
  return {
    key: record.key === null ? null : Buffer.from(record.key, "latin1"),
    value: record.value === null ? null : Buffer.from(record.value, "latin1"),
    timestamp: String(record.timestamp),
    attributes: 0,
    offset: String(record.offset),
    headers,
  };
}

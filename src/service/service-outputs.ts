/**
 * A service's output records as the outputs checker reads them: the output ID from the
 * scenario's header, the payload parsed from the message's JSON value. The ID is also the
 * cause (a service derives it from the input's dedupe ID and the output's index,
 * `<dedupe ID>/o<index>`, as the model does); a message without the header gets an ID no
 * model output has, so it shows as unexpected.
 */
import type { LogRecord } from "../broker/log-record.ts";
import { SendTarget } from "../broker/send-outcome.ts";
import type { OutputRecord } from "../runtime/changelog-record.ts";
import type { World } from "../sim/world.ts";
import type { StoredMessage } from "./world-port.ts";

const textOf = (bytes: string): string => Buffer.from(bytes, "latin1").toString("utf8");

function payloadOf(value: string | null): unknown {
  if (value === null) return null;
  const text = textOf(value);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The output topic of a service world, as output records. */
export function serviceOutputs(world: World): readonly (readonly LogRecord<OutputRecord>[])[] {
  const header = world.config.service!.outputIdHeader;
  return world.broker.topicData<StoredMessage>(SendTarget.output).records.map((log, partition) =>
    log.map((record: LogRecord<StoredMessage>) => {
      const message = record.value;
      const id = message?.h[header];
      const outputId = id === undefined ? `(no ${header} header: partition ${partition} offset ${record.offset})` : textOf(id);
      return { ...record, value: { outputId, cause: outputId, payload: payloadOf(message?.v ?? null) } };
    }),
  );
}

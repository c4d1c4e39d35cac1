/**
 * Which topics a `consumer.subscribe` names, with kafkajs's validation: strings as they are,
 * RegExps matched against every topic of the world (kafkajs matches the cluster's metadata).
 * The world's group consumes only its group topic: any other topic is refused with a
 * one-line message naming it and the group topic, before the run goes on with the wrong data.
 */
import type { ConsumerSubscription } from "./consumer-types.ts";
import { KafkaJSNonRetriableError } from "./errors.ts";
import type { SimPort } from "./sim-port.ts";

/** The topics `subscription` names (only ever the group topic, or none for an unmatched RegExp). */
export function subscribedTopics(port: SimPort, subscription: ConsumerSubscription): string[] {
  const single = "topic" in subscription ? subscription.topic : undefined;
  const several = "topics" in subscription ? subscription.topics : undefined;
  if (!single && !several) throw new KafkaJSNonRetriableError('Missing required argument "topics"');
  if (several != null && !Array.isArray(several)) throw new KafkaJSNonRetriableError('Argument "topics" must be an array');
  const subscriptions = several ?? [single as string | RegExp];
  for (const s of subscriptions) {
    if (typeof s !== "string" && !isRegExp(s)) {
      throw new KafkaJSNonRetriableError(`Invalid topic ${String(s)} (${typeof s}), the topic name has to be a String or a RegExp`);
    }
  }
  const names = port.topicNames();
  const topics = subscriptions.flatMap((s) => (typeof s === "string" ? [s] : names.filter((name) => (s as RegExp).test(name))));
  for (const topic of topics) {
    if (topic === port.groupTopic) continue;
    const what = names.includes(topic) ? `"${topic}" is not the group's topic` : `eosim's world has no topic "${topic}" (it has topics ${names.join(", ")})`;
    throw port.unsupported(`consumer.subscribe: eosim's consumer group consumes "${port.groupTopic}" only; ${what}`);
  }
  return [...new Set(topics)];
}

/** A RegExp of any realm (kafkajs checks `instanceof RegExp`, which a RegExp made outside the sandbox fails). */
function isRegExp(value: unknown): value is RegExp {
  return Object.prototype.toString.call(value) === "[object RegExp]";
}

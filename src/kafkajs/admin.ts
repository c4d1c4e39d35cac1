/**
 * kafkajs 2.2.4's admin client (src/admin/index.js), the part a service uses against a
 * fixed world: list topics, "create" topics that already exist, read topic and group
 * offsets, and set or reset the group's offsets. The world has one consumer group, so every
 * groupId names it; the world's topics are fixed, so creating a topic it lacks is refused,
 * and so is every admin API that would change the cluster.
 */
import type { PartitionOffset } from "./client-types.ts";
import { KafkaJSNonRetriableError } from "./errors.ts";
import { adminEvents, type EventIds, type EventListener, InstrumentationEmitter, onEvent } from "./instrumentation.ts";
import { type Logger, silentLogger } from "./logger.ts";
import { portCall } from "./port-call.ts";
import type { PortTopicOffsets, SimPort } from "./sim-port.ts";

/** Admin APIs kafkajs has that the simulated world refuses (the cluster is fixed). */
export const unsupportedAdminApis = [
  "deleteTopics",
  "createPartitions",
  "fetchTopicMetadata",
  "fetchTopicOffsetsByTimestamp",
  "describeCluster",
  "describeConfigs",
  "alterConfigs",
  "listGroups",
  "deleteGroups",
  "describeGroups",
  "describeAcls",
  "deleteAcls",
  "createAcls",
  "deleteTopicRecords",
  "alterPartitionReassignments",
  "listPartitionReassignments",
] as const;

/** One of the refused admin APIs. */
export type UnsupportedAdminApi = (typeof unsupportedAdminApis)[number];

/** The admin client a service gets from `kafka.admin()` (the refused APIs throw when called). */
export interface Admin extends Record<UnsupportedAdminApi, () => Promise<never>> {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  listTopics(): Promise<string[]>;
  createTopics(options: { validateOnly?: boolean; waitForLeaders?: boolean; timeout?: number; topics: Array<{ topic: string }> }): Promise<boolean>;
  fetchTopicOffsets(topic: string): Promise<Array<PartitionOffset & { high: string; low: string }>>;
  fetchOffsets(options: {
    groupId: string;
    topics?: string[];
    resolveOffsets?: boolean;
  }): Promise<Array<{ topic: string; partitions: Array<PartitionOffset & { metadata: string | null }> }>>;
  setOffsets(options: { groupId: string; topic: string; partitions: PartitionOffset[] }): Promise<void>;
  resetOffsets(options: { groupId: string; topic: string; earliest: boolean }): Promise<void>;
  logger(): Logger;
  on(eventName: string, listener: EventListener): () => void;
  readonly events: typeof adminEvents;
}


function requireGroupId(groupId: string): void {
  if (!groupId) throw new KafkaJSNonRetriableError(`Invalid groupId ${groupId}`);
}

/** Build an admin client. */
export function createAdmin(port: SimPort, ids: EventIds): Admin {
  const emitter = new InstrumentationEmitter(ids, () => Date.now());
  const logger = silentLogger();
  const topicOffsets = (topic: string) => portCall<readonly PortTopicOffsets[]>((settle) => port.topicOffsets(topic, settle));
  const knownTopic = (api: string, topic: string): void => {
    if (port.partitionsOf(topic) === undefined) {
      throw port.unsupported(`admin.${api}: eosim's world has no topic "${topic}" (it has topics ${port.topicNames().join(", ")})`);
    }
  };
  const groupTopicOnly = (api: string, topic: string): void => {
    if (topic !== port.groupTopic) throw port.unsupported(`admin.${api}: eosim's group has offsets of "${port.groupTopic}" only, not of "${topic}"`);
  };
  const setOffsets = async ({ groupId, topic, partitions }: { groupId: string; topic: string; partitions: PartitionOffset[] }): Promise<void> => {
    requireGroupId(groupId);
    if (!topic) throw new KafkaJSNonRetriableError(`Invalid topic ${topic}`);
    if (!partitions || partitions.length === 0) throw new KafkaJSNonRetriableError("Invalid partitions");
    groupTopicOnly("setOffsets", topic);
    const offsets = partitions.map(({ partition, offset }) => ({ partition, offset: Number(offset) }));
    try {
      await portCall<void>((settle) => port.setCommitted(offsets, settle));
    } catch {
      // The world refuses while a member consumes; kafkajs checks the group's state first.
      throw new KafkaJSNonRetriableError("The consumer group must have no running instances, current state: Stable");
    }
  };
  const unsupported = {} as Record<UnsupportedAdminApi, () => Promise<never>>;
  for (const api of unsupportedAdminApis) {
    unsupported[api] = () => {
      throw port.unsupported(`admin.${api}: not simulated in eosim's kafkajs (the world's topics and group are fixed)`);
    };
  }

  return {
    ...unsupported,
    connect: async () => emitter.emit(adminEvents.CONNECT),
    disconnect: async () => emitter.emit(adminEvents.DISCONNECT),
    listTopics: async () => [...port.topicNames()],
    createTopics: async ({ topics }) => {
      if (!topics || !Array.isArray(topics)) throw new KafkaJSNonRetriableError(`Invalid topics array ${String(topics)}`);
      if (topics.some(({ topic }) => typeof topic !== "string")) {
        throw new KafkaJSNonRetriableError("Invalid topics array, the topic names have to be a valid string");
      }
      for (const { topic } of topics) knownTopic("createTopics", topic);
      // Every topic exists already: kafkajs answers false when all were TOPIC_ALREADY_EXISTS.
      return false;
    },
    fetchTopicOffsets: async (topic) => {
      if (!topic || typeof topic !== "string") throw new KafkaJSNonRetriableError(`Invalid topic ${String(topic)}`);
      knownTopic("fetchTopicOffsets", topic);
      const offsets = await topicOffsets(topic);
      return offsets.map(({ partition, low, high }) => ({ partition, offset: String(high), high: String(high), low: String(low) }));
    },
    fetchOffsets: async ({ groupId, topics = [] }) => {
      requireGroupId(groupId);
      if (!Array.isArray(topics)) throw new KafkaJSNonRetriableError("Expected topics array to be set");
      const out = [];
      for (const topic of topics) {
        knownTopic("fetchOffsets", topic);
        const partitions = [...Array(port.partitionsOf(topic) ?? 0).keys()];
        // The group commits only its topic: every other topic has no committed offsets.
        const committed = topic === port.groupTopic ? await portCall<readonly number[]>((settle) => port.committed(partitions, settle)) : partitions.map(() => -1);
        out.push({ topic, partitions: partitions.map((partition, i) => ({ partition, offset: String(committed[i]), metadata: null })) });
      }
      return out;
    },
    setOffsets,
    resetOffsets: async ({ groupId, topic, earliest = false }) => {
      requireGroupId(groupId);
      if (!topic) throw new KafkaJSNonRetriableError(`Invalid topic ${topic}`);
      groupTopicOnly("resetOffsets", topic);
      const offsets = await topicOffsets(topic);
      await setOffsets({ groupId, topic, partitions: offsets.map(({ partition, low, high }) => ({ partition, offset: String(earliest ? low : high) })) });
    },
    logger: () => logger,
    on: (eventName, listener) => onEvent(emitter, adminEvents, "admin", eventName, listener),
    events: adminEvents,
  };
}

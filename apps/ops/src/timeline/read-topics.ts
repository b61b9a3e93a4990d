import { randomUUID } from 'node:crypto';
import { IHeaders, Kafka } from 'kafkajs';
import type { TopicRecord } from './timeline';

/** A record with what the timeline does not need: its headers and when it was written. */
export interface ReadRecord extends TopicRecord {
  /** Each header as text (a repeated header's values joined by commas). */
  headers: Record<string, string>;
  /** The record's timestamp, as an ISO instant. */
  timestamp: string;
}

export interface ReadTopicsOptions {
  kafka: Kafka;
  topics: readonly string[];
  onRecord: (record: ReadRecord) => void;
  /** Records read so far and the records to read in all (the high watermarks at start). */
  onProgress?: (done: number, total: number) => void;
  /** Gives up when no record arrives for this long while some remain (default 30 s). */
  stallMs?: number;
  /** The throwaway group's name starts with it (default `cashout-ops-timeline-`). */
  groupPrefix?: string;
  /** Where to start in a partition (a replay since a time); its low watermark when undefined or lower. */
  startAt?: (topic: string, partition: number) => number | undefined;
}

export interface ReadTopicsResult {
  /** Catalogue topics that do not exist on this cluster (skipped). */
  missingTopics: string[];
  records: number;
}

interface PartitionPlan {
  low: number;
  high: number;
  next: number;
  /** Starts past the first retained record: the consumer seeks there rather than read and skip. */
  seek: boolean;
}

const keyOf = (topic: string, partition: number) => `${topic}\u0000${partition}`;

function headersOf(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.map(String).join(',') : String(value);
  }
  return out;
}

const isoOf = (timestamp: string): string => {
  const ms = Number(timestamp);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : timestamp;
};

/**
 * Reads every record of `topics` that existed when it started, from each partition's low
 * watermark to its high watermark fetched first, with a throwaway consumer group that commits
 * nothing and is deleted after. Records written meanwhile are left out.
 */
export async function readTopicsToHighWatermarks(options: ReadTopicsOptions): Promise<ReadTopicsResult> {
  const { kafka, onRecord, onProgress, stallMs = 30_000, groupPrefix = 'cashout-ops-timeline-' } = options;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const topics = options.topics.filter((topic) => existing.has(topic));
    const missingTopics = options.topics.filter((topic) => !existing.has(topic));
    const plan = new Map<string, PartitionPlan>();
    for (const topic of topics) {
      for (const { partition, low: earliest, high } of await admin.fetchTopicOffsets(topic)) {
        const low = Math.max(Number(earliest), options.startAt?.(topic, partition) ?? 0);
        if (Number(high) > low) plan.set(keyOf(topic, partition), { low, high: Number(high), next: low, seek: low > Number(earliest) });
      }
    }
    const total = [...plan.values()].reduce((sum, part) => sum + (part.high - part.low), 0);
    const done = () => [...plan.values()].reduce((sum, part) => sum + (Math.min(part.next, part.high) - part.low), 0);
    onProgress?.(0, total);
    if (plan.size === 0) return { missingTopics, records: 0 };
    const readable = [...new Set([...plan.keys()].map((key) => key.split('\u0000')[0]))];
    const groupId = `${groupPrefix}${randomUUID()}`;
    const records = await consumeUntil(kafka, groupId, readable, plan, onRecord, () => onProgress?.(done(), total), stallMs);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    return { missingTopics, records };
  } finally {
    await admin.disconnect();
  }
}

async function consumeUntil(
  kafka: Kafka,
  groupId: string,
  topics: string[],
  plan: Map<string, PartitionPlan>,
  onRecord: (record: ReadRecord) => void,
  tick: () => void,
  stallMs: number,
): Promise<number> {
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200, allowAutoTopicCreation: false, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
  let records = 0;
  let lastProgressAt = Date.now();
  const remaining = () => [...plan.values()].some((part) => part.next < part.high);
  let finished = () => {};
  // A batch of nothing but transaction markers (the end of a topic written transactionally)
  // never reaches eachBatch: kafkajs only reports it, with the offset it ends at.
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    const part = plan.get(keyOf(payload.topic, payload.partition));
    if (!part || Number(payload.lastOffset) < part.next) return;
    part.next = Math.max(part.next, Math.min(part.high, Number(payload.lastOffset) + 1));
    lastProgressAt = Date.now();
    if (part.next >= part.high) consumer.pause([{ topic: payload.topic, partitions: [payload.partition] }]);
    if (!remaining()) finished();
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    await new Promise<void>((finish, fail) => {
      finished = () => {
        clearInterval(watch);
        finish();
      };
      const watch = setInterval(() => {
        tick();
        if (Date.now() - lastProgressAt > stallMs) {
          clearInterval(watch);
          fail(new Error(`no record arrived for ${Math.round(stallMs / 1000)}s with ${records} read; the topics could not be read to their end`));
        }
      }, 100);
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch, heartbeat }) => {
            const part = plan.get(keyOf(batch.topic, batch.partition));
            if (!part) return;
            for (const message of batch.messages) {
              const offset = Number(message.offset);
              if (offset < part.next || offset >= part.high) continue;
              records += 1;
              onRecord({
                topic: batch.topic,
                partition: batch.partition,
                offset: message.offset,
                key: message.key?.toString('utf8') ?? null,
                value: message.value?.toString('utf8') ?? null,
                headers: headersOf(message.headers),
                timestamp: isoOf(message.timestamp),
              });
              part.next = offset + 1;
            }
            // Offsets of compacted or aborted records never arrive: the batch's end covers them.
            if (batch.messages.length > 0) part.next = Math.max(part.next, Math.min(part.high, Number(batch.lastOffset()) + 1));
            lastProgressAt = Date.now();
            await heartbeat();
            if (part.next >= part.high) consumer.pause([{ topic: batch.topic, partitions: [batch.partition] }]);
            if (!remaining()) finished();
          },
        })
        .then(() => {
          // kafkajs takes a seek only once run() has started; it applies at the partition's next fetch.
          for (const [key, part] of plan) {
            const [topic, partition] = key.split('\u0000');
            if (part.seek) consumer.seek({ topic, partition: Number(partition), offset: String(part.low) });
          }
        })
        .catch((error: unknown) => {
          clearInterval(watch);
          fail(error instanceof Error ? error : new Error(String(error)));
        });
    });
    tick();
  } finally {
    await consumer.disconnect();
  }
  return records;
}

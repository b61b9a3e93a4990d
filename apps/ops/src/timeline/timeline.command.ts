import { Kafka } from 'kafkajs';
import { TOPIC_CATALOGUE } from '@cashout/shared-contracts';
import { buildTimeline, Timeline, TopicRecord } from './timeline';
import { readTopicsToHighWatermarks } from './read-topics';

export interface TimelineResult extends Timeline {
  /** Topics read, and those of the list that do not exist on the cluster. */
  topics: string[];
  missingTopics: string[];
}

export interface TimelineOptions {
  /** Default: every topic of the catalogue. */
  topics?: readonly string[];
  onProgress?: (done: number, total: number) => void;
}

/**
 * Every message of one intent on the topics, as they stand now. Only the records that name
 * the intent somewhere (key or value) are decoded; the others are counted and dropped.
 */
export async function readTimeline(kafka: Kafka, intentId: string, options: TimelineOptions = {}): Promise<TimelineResult> {
  const topics = options.topics ?? TOPIC_CATALOGUE.map((spec) => spec.name);
  const kept: TopicRecord[] = [];
  let skipped = 0;
  const read = await readTopicsToHighWatermarks({
    kafka,
    topics,
    onProgress: options.onProgress,
    onRecord: (record) => {
      if (record.key === intentId || (record.value !== null && record.value.includes(intentId))) kept.push(record);
      else skipped += 1;
    },
  });
  const timeline = buildTimeline(intentId, kept);
  return {
    ...timeline,
    scanned: timeline.scanned + skipped,
    topics: topics.filter((topic) => !read.missingTopics.includes(topic)),
    missingTopics: read.missingTopics,
  };
}

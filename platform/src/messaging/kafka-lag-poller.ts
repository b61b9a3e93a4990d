import { Logger } from '@nestjs/common';
import { Admin, Kafka } from 'kafkajs';
import { consumerMetrics } from '../metrics/platform-metrics';

/**
 * Messages a group has yet to handle on one partition. `committed` is the group's committed
 * offset (Kafka's '-1' when it has none yet); `low` and `high` the partition's start and end.
 * With nothing committed, an 'earliest' group will read everything retained (end − start)
 * and a 'latest' group nothing (it starts at the end). A committed offset below the start
 * (retention deleted what the group never read) leaves only the retained records to read.
 */
export function consumerLag(committed: string | number, low: string | number, high: string | number, startsAt: 'earliest' | 'latest' = 'earliest'): number {
  const end = Number(high);
  const start = Number(low);
  const position = Number(committed);
  if (!Number.isFinite(position) || position < 0) return startsAt === 'latest' ? 0 : Math.max(0, end - start);
  return Math.max(0, end - Math.max(position, start));
}

/** Records a topic holds: end − start summed over its partitions. */
export function topicSize(partitions: ReadonlyArray<{ low: string | number; high: string | number }>): number {
  return partitions.reduce((sum, entry) => sum + Math.max(0, Number(entry.high) - Number(entry.low)), 0);
}

/**
 * Records on a topic (end − start over its partitions), read with the admin client; 0 for a
 * topic that does not exist yet: asking for its offsets would fail (and be retried) instead.
 */
export async function topicSizeOf(admin: Admin, topic: string): Promise<number> {
  const existing = await admin.listTopics();
  if (!existing.includes(topic)) return 0;
  return topicSize(await admin.fetchTopicOffsets(topic));
}

/** A consumer group the bus subscribed, as the poller reads it. */
export interface PolledGroup {
  /** The group id on the cluster (with the bus's prefix). */
  groupId: string;
  /** The group as the subscription named it: the metric's label, as the per-batch update gives it. */
  label: string;
  topics: ReadonlySet<string>;
  startsAt: 'earliest' | 'latest';
}

export interface LagPollerOptions {
  kafka: Kafka;
  /** 0 disables the poller. */
  intervalMs: number;
  deadLetterTopic: string;
  /** The groups to read at each poll (the bus adds to them as it subscribes). */
  groups: () => Iterable<PolledGroup>;
}

/**
 * A poll gives up quickly: the next one comes an interval later, so retrying for as long as
 * the bus's own clients do (about a minute) would only hold up `stop()` during an outage.
 */
const POLL_RETRY = { initialRetryTime: 200, maxRetryTime: 1_000, retries: 2 };

/** The longest `stop()` waits for a poll under way before disconnecting from under it. */
const STOP_WAIT_MS = 2_000;

/**
 * Sets `consumer_lag_messages` and `dead_letter_messages` from the cluster's offsets every
 * interval. The bus's per-batch update says nothing while a group handles no batch, which is
 * when its lag matters most (a stuck or stopped consumer); this reads the committed offsets
 * whatever the consumers do. One admin client, connected at the first poll; a failing poll
 * is logged once per streak of failures and otherwise ignored.
 */
export class KafkaLagPoller {
  private readonly logger = new Logger('KafkaLagPoller');
  private admin?: Admin;
  private timer?: NodeJS.Timeout;
  private polling?: Promise<void>;
  private failing = false;
  private stopped = false;

  constructor(private readonly options: LagPollerOptions) {}

  /** Schedules the polls (idempotent); the first one an interval from now. */
  start(): void {
    if (this.stopped || this.timer || this.options.intervalMs <= 0) return;
    this.schedule();
  }

  /** One poll now: the gauges set, or a warning logged when it starts a streak of failures. */
  async pollOnce(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.poll();
      if (this.failing) this.logger.log('consumer lag readable again');
      this.failing = false;
    } catch (error) {
      if (this.stopped) return;
      if (!this.failing)
        this.logger.warn(
          `could not read consumer lag (${error instanceof Error ? error.message : String(error)}); retrying every ${this.options.intervalMs} ms`,
        );
      this.failing = true;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    const polling = this.polling;
    if (polling) await Promise.race([polling, new Promise<void>((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref())]);
    const admin = this.admin;
    this.admin = undefined;
    if (admin) await admin.disconnect().catch(() => undefined);
  }

  /** Each poll scheduled when the previous one is done: polls never overlap, however slow. */
  private schedule(): void {
    this.timer = setTimeout(() => {
      this.polling = this.pollOnce().finally(() => {
        this.polling = undefined;
        if (!this.stopped) this.schedule();
      });
    }, this.options.intervalMs);
    // A metric never keeps the process alive.
    this.timer.unref();
  }

  private async connectedAdmin(): Promise<Admin> {
    if (this.admin) return this.admin;
    const admin = this.options.kafka.admin({ retry: POLL_RETRY });
    await admin.connect();
    if (this.stopped) {
      await admin.disconnect().catch(() => undefined);
      throw new Error('stopped');
    }
    this.admin = admin;
    return admin;
  }

  private async poll(): Promise<void> {
    const admin = await this.connectedAdmin();
    const groups = [...this.options.groups()];
    // Asking for the offsets of a topic that does not exist fails (and is retried): only
    // existing ones are read, and a dead-letter topic not created yet holds 0 messages.
    const existing = new Set(await admin.listTopics());
    const wanted = new Set(groups.flatMap((group) => [...group.topics]).filter((topic) => existing.has(topic)));
    if (existing.has(this.options.deadLetterTopic)) wanted.add(this.options.deadLetterTopic);
    const ends = new Map(await Promise.all([...wanted].map(async (topic) => [topic, await admin.fetchTopicOffsets(topic)] as const)));
    const committed = await Promise.all(
      groups.map(async (group) => {
        const topics = [...group.topics].filter((topic) => ends.has(topic));
        return { group, offsets: topics.length === 0 ? [] : await admin.fetchOffsets({ groupId: group.groupId, topics }) };
      }),
    );
    if (this.stopped) return;
    for (const { group, offsets } of committed) {
      for (const { topic, partitions } of offsets) {
        const byPartition = new Map(partitions.map((entry) => [entry.partition, entry.offset]));
        for (const end of ends.get(topic) ?? []) {
          consumerMetrics.lag(group.label, topic, end.partition, consumerLag(byPartition.get(end.partition) ?? '-1', end.low, end.high, group.startsAt));
        }
      }
    }
    consumerMetrics.deadLetters(topicSize(ends.get(this.options.deadLetterTopic) ?? []));
  }
}

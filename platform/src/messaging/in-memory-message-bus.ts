import { Logger } from '@nestjs/common';
import { TOPIC_CATALOGUE, TOPICS } from '@cashout/shared-contracts';
import { DeadLetterHeaders, MessageBus, OutgoingMessage, PoisonMessageError, SubscriptionOptions } from './message-bus.port';
import { BusFigures, consumerMetrics, DeadLetterReason, messageMetrics } from '../metrics/platform-metrics';

interface StoredRecord {
  offset: number;
  key: string;
  /** Serialized like a Kafka record: consumers never share objects with producers. */
  value: string;
  headers: Record<string, string>;
}

/**
 * One partition: the record at offset o is `records[o - first]`. `base` is the oldest offset
 * still retained; it moves up as records are dropped, and the array sheds the records
 * before it in batches (one splice per many records, not one per record).
 */
interface PartitionLog {
  first: number;
  base: number;
  records: StoredRecord[];
}

const endOf = (log: PartitionLog) => log.first + log.records.length;

/** Dropped records are cut from the array once there are this many, or half of it. */
const COMPACT_AFTER = 1024;

interface Member {
  handler: SubscriptionOptions['handler'];
}

interface Group {
  id: string;
  topics: Set<string>;
  members: Member[];
  offsets: Map<string, number>;
  running: Set<string>;
  startFrom: 'earliest' | 'latest';
}

export interface InMemoryBusOptions {
  defaultPartitions?: number;
  maxAttempts?: number;
  /** Delay before retry n (1-based). */
  backoffMs?: (attempt: number) => number;
  /**
   * false: drop records every subscribed group has consumed (a long-running process does
   * not grow with traffic). Default true: keep everything, so tests can read topics back.
   */
  retainConsumedRecords?: boolean;
  /**
   * When consumed records are dropped: how many records a partition of a topic no group
   * reads keeps (the public history, the dead letters), the most recent ones, as a size
   * retention. Default 100.
   */
  unreadRetention?: number;
}

/** A stable string hash (FNV-1a) so a key always lands on the same partition. */
export function partitionFor(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % partitions;
}

/** Retains the records from `offset` on; the array sheds the dropped ones in batches. */
function dropBefore(log: PartitionLog, offset: number): void {
  if (offset <= log.base) return;
  log.base = Math.min(offset, endOf(log));
  const dropped = log.base - log.first;
  if (dropped >= COMPACT_AFTER || dropped * 2 >= log.records.length) {
    log.records.splice(0, dropped);
    log.first = log.base;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The embedded adapter of the message-bus port. One partitioned log per topic; each
 * consumer group keeps its own offsets and handles a partition strictly in order; a
 * failing handler is retried with backoff, then its message goes to the dead-letter topic
 * with the reason in headers, so one poison message never blocks its partition. Its lag and
 * dead-letter count are computed at each scrape of the metrics (see BusFigures).
 */
export class InMemoryMessageBus implements MessageBus, BusFigures {
  private readonly logger = new Logger('InMemoryMessageBus');
  private readonly logs = new Map<string, PartitionLog[]>();
  private readonly groups = new Map<string, Group>();
  /** The groups reading each topic. */
  private readonly readers = new Map<string, Group[]>();
  private readonly inFlight = new Set<Promise<void>>();
  private stopping = false;
  private readonly maxAttempts: number;
  private readonly backoffMs: (attempt: number) => number;
  private readonly defaultPartitions: number;
  private readonly retainConsumed: boolean;
  private readonly unreadRetention: number;

  constructor(options: InMemoryBusOptions = {}) {
    this.retainConsumed = options.retainConsumedRecords ?? true;
    this.unreadRetention = options.unreadRetention ?? 100;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.backoffMs = options.backoffMs ?? ((attempt) => Math.min(2000, 50 * 2 ** (attempt - 1)));
    this.defaultPartitions = options.defaultPartitions ?? 6;
    for (const spec of TOPIC_CATALOGUE) this.partitionsOf(spec.name, spec.partitions);
    consumerMetrics.watch(this);
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    const touched = new Set<string>();
    for (const message of messages) {
      const partitions = this.partitionsOf(message.topic);
      const index = partitionFor(message.key, partitions.length);
      const log = partitions[index];
      log.records.push({
        offset: endOf(log),
        key: message.key,
        value: JSON.stringify(message.envelope),
        headers: { ...(message.headers ?? {}) },
      });
      touched.add(`${message.topic}\u0000${index}`);
      if (!this.retainConsumed && !this.readers.has(message.topic)) dropBefore(log, endOf(log) - this.unreadRetention);
    }
    for (const slot of touched) {
      const [topic, index] = slot.split('\u0000');
      this.wake(topic, Number(index));
    }
  }

  async subscribe(options: SubscriptionOptions): Promise<void> {
    let group = this.groups.get(options.group);
    if (!group) {
      group = {
        id: options.group,
        topics: new Set(),
        members: [],
        offsets: new Map(),
        running: new Set(),
        startFrom: options.startFrom ?? 'earliest',
      };
      this.groups.set(options.group, group);
    }
    for (const topic of options.topics) {
      if (!group.topics.has(topic)) this.readers.set(topic, [...(this.readers.get(topic) ?? []), group]);
      group.topics.add(topic);
      const partitions = this.partitionsOf(topic);
      partitions.forEach((log, index) => {
        const slot = `${topic}\u0000${index}`;
        if (!group.offsets.has(slot)) group.offsets.set(slot, group.startFrom === 'latest' ? endOf(log) : log.base);
      });
    }
    group.members.push({ handler: options.handler });
    for (const topic of options.topics) {
      this.partitionsOf(topic).forEach((_, index) => this.wake(topic, index));
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    consumerMetrics.unwatch(this);
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  async isHealthy(): Promise<boolean> {
    return !this.stopping;
  }

  /** Test helper: every record of a topic, decoded, in partition then offset order. */
  records(topic: string): Array<{ key: string; value: unknown; headers: Record<string, string> }> {
    return this.partitionsOf(topic).flatMap((log) =>
      log.records.slice(log.base - log.first).map((record) => ({ key: record.key, value: JSON.parse(record.value) as unknown, headers: record.headers })),
    );
  }

  /**
   * Per group and partition, the records not handled yet: a record's offset advances only
   * once its handler returned (or it was dead-lettered), so a stuck handler shows here.
   */
  consumerLags(): Array<{ group: string; topic: string; partition: number; messages: number }> {
    const lags: Array<{ group: string; topic: string; partition: number; messages: number }> = [];
    for (const group of this.groups.values()) {
      for (const topic of group.topics) {
        this.partitionsOf(topic).forEach((log, partition) => {
          const position = Math.max(group.offsets.get(`${topic}\u0000${partition}`) ?? log.base, log.base);
          lags.push({ group: group.id, topic, partition, messages: Math.max(0, endOf(log) - position) });
        });
      }
    }
    return lags;
  }

  /** Records retained on the dead-letter topic (the embedded default keeps the latest `unreadRetention`). */
  deadLetterCount(): number {
    return this.partitionsOf(TOPICS.deadLetter).reduce((sum, log) => sum + endOf(log) - log.base, 0);
  }

  /** The port's reading of deadLetterCount (the metrics read it synchronously at each scrape). */
  async countDeadLetters(): Promise<number> {
    return this.deadLetterCount();
  }

  /** Resolves once every group has consumed everything published so far. */
  async idle(): Promise<void> {
    for (;;) {
      while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.inFlight.size === 0) return;
    }
  }

  private partitionsOf(topic: string, count = this.defaultPartitions): PartitionLog[] {
    let partitions = this.logs.get(topic);
    if (!partitions) {
      partitions = Array.from({ length: count }, () => ({ first: 0, base: 0, records: [] }));
      this.logs.set(topic, partitions);
    }
    return partitions;
  }

  private wake(topic: string, partition: number): void {
    if (this.stopping) return;
    for (const group of this.groups.values()) {
      if (!group.topics.has(topic) || group.members.length === 0) continue;
      const slot = `${topic}\u0000${partition}`;
      if (group.running.has(slot)) continue;
      group.running.add(slot);
      const run = this.drain(group, topic, partition).finally(() => {
        group.running.delete(slot);
        this.inFlight.delete(run);
      });
      this.inFlight.add(run);
    }
  }

  private async drain(group: Group, topic: string, partition: number): Promise<void> {
    const slot = `${topic}\u0000${partition}`;
    const log = this.partitionsOf(topic)[partition];
    // Yield first so a publisher's own write completes before delivery starts.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (!this.stopping) {
      const offset = Math.max(group.offsets.get(slot) ?? log.base, log.base);
      if (offset >= endOf(log)) return;
      const record = log.records[offset - log.first];
      const member = group.members[partition % group.members.length];
      await this.deliver(group, member, topic, partition, record);
      group.offsets.set(slot, offset + 1);
      if (!this.retainConsumed) this.dropConsumed(topic, partition, log);
    }
  }

  /** Drops the records every group reading the topic has already consumed. */
  private dropConsumed(topic: string, partition: number, log: PartitionLog): void {
    const slot = `${topic}\u0000${partition}`;
    let consumedByAll = Infinity;
    for (const group of this.readers.get(topic) ?? []) consumedByAll = Math.min(consumedByAll, group.offsets.get(slot) ?? log.base);
    if (consumedByAll !== Infinity) dropBefore(log, consumedByAll);
  }

  private async deliver(group: Group, member: Member, topic: string, partition: number, record: StoredRecord) {
    let lastError = 'unknown failure';
    for (let attempt = 1; attempt <= this.maxAttempts; attempt += 1) {
      try {
        await member.handler(JSON.parse(record.value) as unknown, {
          topic,
          partition,
          offset: record.offset,
          attempt,
          headers: record.headers,
        });
        return;
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
        if (error instanceof PoisonMessageError) return this.deadLetter(group, topic, partition, record, lastError, attempt, 'invalid');
        this.logger.warn(`${group.id} failed ${topic}[${partition}]@${record.offset} attempt ${attempt}: ${lastError}`);
        if (attempt < this.maxAttempts) await sleep(this.backoffMs(attempt));
      }
    }
    await this.deadLetter(group, topic, partition, record, lastError, this.maxAttempts, 'retries_exhausted');
  }

  private async deadLetter(
    group: Group,
    topic: string,
    partition: number,
    record: StoredRecord,
    reason: string,
    attempts: number,
    kind: DeadLetterReason,
  ): Promise<void> {
    messageMetrics.deadLettered(topic, group.id, kind);
    this.logger.error(`${group.id} dead-lettered ${topic}[${partition}]@${record.offset}: ${reason}`);
    const headers: DeadLetterHeaders = {
      'x-dlt-reason': reason,
      'x-dlt-topic': topic,
      'x-dlt-partition': String(partition),
      'x-dlt-offset': String(record.offset),
      'x-dlt-group': group.id,
      'x-dlt-attempts': String(attempts),
    };
    const log = this.partitionsOf(TOPICS.deadLetter)[0];
    log.records.push({ offset: endOf(log), key: record.key, value: record.value, headers: { ...record.headers, ...headers } });
    if (!this.retainConsumed && !this.readers.has(TOPICS.deadLetter)) dropBefore(log, endOf(log) - this.unreadRetention);
    this.wake(TOPICS.deadLetter, 0);
  }
}

import { Logger } from '@nestjs/common';
import { Admin, Consumer, Kafka, KafkaMessage, logLevel, Partitioners, Producer } from 'kafkajs';
import { TOPICS, TopicSpec, topicConfig } from '@cashout/shared-contracts';
import { Coalescer } from '../batching/coalescer';
import { consumerMetrics, DeadLetterReason, messageMetrics } from '../metrics/platform-metrics';
import { DeadLetterHeaders, DeliveryContext, MessageBus, OutgoingMessage, PoisonMessageError, SubscriptionOptions } from './message-bus.port';
import { KafkaLagPoller, PolledGroup, topicSizeOf } from './kafka-lag-poller';
import { byTopic, headersOf, kafkaLogCreator } from './kafka-records';
import { DEFAULT_MAX_ATTEMPTS, defaultBackoffMs, GROUP_TIMINGS, GroupTimings } from './kafka-bus-settings';

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  /** Handler attempts before a message is dead-lettered (default DEFAULT_MAX_ATTEMPTS). */
  maxAttempts?: number;
  backoffMs?: (attempt: number) => number;
  /** Partitions of one subscription handled concurrently (each still strictly in order). */
  partitionsConsumedConcurrently?: number;
  /** Prefixed to every group id: isolates one deployment (or test run) from another. */
  groupPrefix?: string;
  /**
   * Where a group with no committed offsets starts when the subscription does not say:
   * 'earliest' (default: a new service reads what is retained) or 'latest'.
   */
  newGroupsStartAt?: 'earliest' | 'latest';
  /** Consumer-group liveness and rebalance timings; see GROUP_TIMINGS for the defaults and why. */
  groupTimings?: Partial<GroupTimings>;
  /**
   * How often the subscribed groups' lag and the dead-letter topic's size are read from the
   * cluster (consumer_lag_messages, dead_letter_messages). Default 15 000 ms; 0 disables.
   */
  lagPollMs?: number;
  /** Where dead letters go. Default TOPICS.deadLetter; tests use a topic of their own. */
  deadLetterTopic?: string;
}

/**
 * Backoff between retries of one request, capped low: kafkajs' default grows to 30 s, so a
 * client that saw a broker restart of 20 s would wait up to as long again before noticing it
 * is back. About a minute of retries in all; past that a consumer is started anew.
 */
const RETRY = { initialRetryTime: 200, maxRetryTime: 2_000, retries: 30 };

/** How long stop() waits for the broker to delete the ephemeral groups. */
const EPHEMERAL_DELETE_MS = 3_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The production adapter of the message-bus port, on kafkajs. Offsets are committed only
 * after a message's handler returned or the message was dead-lettered; a failing handler is
 * retried with backoff (heart-beating meanwhile), then dead-lettered with the reason in
 * headers. `stop()` lets in-flight messages finish and commit before disconnecting.
 */
export class KafkaMessageBus implements MessageBus {
  private readonly logger = new Logger('KafkaMessageBus');
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly admin: Admin;
  private readonly consumers: Consumer[] = [];
  private readonly maxAttempts: number;
  private readonly backoffMs: (attempt: number) => number;
  private readonly timings: GroupTimings;
  private readonly outgoing = new Coalescer<OutgoingMessage[], void>(async (publishes) => {
    await this.connect();
    await this.producer.sendBatch({ acks: -1, topicMessages: byTopic(publishes.flat()) });
    return publishes.map(() => ({ ok: true, value: undefined }));
  });
  private connected?: Promise<void>;
  private stopped = false;
  /** The groups this bus subscribed, by group id: what the lag poller reads. */
  private readonly groups = new Map<string, PolledGroup & { topics: Set<string> }>();
  /** The ephemeral groups among them: deleted by stop(). */
  private readonly ephemeralGroups = new Set<string>();
  private readonly lagPoller: KafkaLagPoller;
  private readonly deadLetterTopic: string;

  constructor(private readonly options: KafkaBusOptions) {
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.WARN,
      logCreator: kafkaLogCreator(),
      retry: RETRY,
    });
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.admin = this.kafka.admin();
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.backoffMs = options.backoffMs ?? defaultBackoffMs;
    this.timings = { ...GROUP_TIMINGS, ...options.groupTimings };
    this.deadLetterTopic = options.deadLetterTopic ?? TOPICS.deadLetter;
    this.lagPoller = new KafkaLagPoller({
      kafka: this.kafka,
      intervalMs: options.lagPollMs ?? 15_000,
      deadLetterTopic: this.deadLetterTopic,
      groups: () => this.groups.values(),
    });
  }

  /** Creates the topics of the catalogue that do not exist yet (idempotent). */
  async ensureTopics(specs: readonly TopicSpec[]): Promise<void> {
    await this.connect();
    const existing = new Set(await this.admin.listTopics());
    const missing = specs.filter((spec) => !existing.has(spec.name));
    if (missing.length === 0) return;
    await this.admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((spec) => ({
        topic: spec.name,
        numPartitions: spec.partitions,
        replicationFactor: 1,
        configEntries: Object.entries(topicConfig(spec)).map(([name, value]) => ({ name, value })),
      })),
    });
  }

  /**
   * Publishes with acks from all in-sync replicas. The idempotent producer has one request in
   * flight at a time, so publishes made meanwhile go together in the next request (one round
   * trip for many writers; see Coalescer).
   */
  publish(messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return Promise.resolve();
    return this.outgoing.submit(messages);
  }

  async subscribe(options: SubscriptionOptions): Promise<void> {
    await this.connect();
    const groupId = `${this.options.groupPrefix ?? ''}${options.group}`;
    const fromBeginning = (options.startFrom ?? this.options.newGroupsStartAt) !== 'latest';
    if (!fromBeginning) await this.startNewGroupAtEnd(groupId, options.topics);
    const polled = this.groups.get(groupId) ?? { groupId, label: options.group, topics: new Set<string>(), startsAt: fromBeginning ? 'earliest' : 'latest' };
    for (const topic of options.topics) polled.topics.add(topic);
    this.groups.set(groupId, polled);
    if (options.ephemeral) this.ephemeralGroups.add(groupId);
    this.lagPoller.start();
    let markJoined = () => {};
    const joined = new Promise<void>((resolve) => {
      markJoined = resolve;
    });
    await this.startConsumer(options, groupId, fromBeginning, markJoined);
    await joined;
  }

  /** One consumer of the subscription; `onJoined` fires at each of its group joins. */
  private async startConsumer(options: SubscriptionOptions, groupId: string, fromBeginning: boolean, onJoined: () => void): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId,
      sessionTimeout: this.timings.sessionTimeoutMs,
      heartbeatInterval: this.timings.heartbeatIntervalMs,
      rebalanceTimeout: this.timings.rebalanceTimeoutMs,
      maxWaitTimeInMs: this.timings.maxWaitTimeMs,
      retry: RETRY,
    });
    this.consumers.push(consumer);
    consumer.on(consumer.events.GROUP_JOIN, () => onJoined());
    // kafkajs reports each batch's lag behind the partition's end: the consumer lag for free,
    // fresher than the poller's under load (which alone speaks for a group handling nothing).
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) =>
      consumerMetrics.lag(options.group, payload.topic, payload.partition, Number(payload.offsetLag)),
    );
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart || this.stopped) return;
      // kafkajs gives up for good on some errors (an evicted member's commit, a broker gone
      // for longer than the retries); without a new consumer the service would stay up but
      // silently stop consuming this group.
      this.logger.error(`consumer of ${groupId} stopped (${payload.error.message}); starting a new one`);
      void this.replaceConsumer(consumer, options, groupId, fromBeginning, onJoined);
    });
    await consumer.connect();
    // Where a 'latest' group still has no committed offset (its first instance died before
    // setting them), it starts at the end rather than replaying the topic's whole history.
    for (const topic of options.topics) await consumer.subscribe({ topic, fromBeginning });
    // Offsets are resolved as each handler returns and committed after each batch of a
    // partition (kafkajs' auto-commit): at-least-once as before, with a commit per batch
    // rather than one round trip per message.
    await consumer.run({
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 6,
      eachMessage: async ({ topic, partition, message, heartbeat }) => {
        // kafkajs heart-beats only between fetches and messages: a handler that hashes, waits
        // for a store or backs off would otherwise outlive the (short) session and be evicted.
        const keepAlive = setInterval(() => void heartbeat().catch(() => undefined), this.timings.heartbeatIntervalMs);
        try {
          await this.deliver(options, topic, partition, message, heartbeat);
        } finally {
          clearInterval(keepAlive);
        }
      },
    });
  }

  private async replaceConsumer(crashed: Consumer, options: SubscriptionOptions, groupId: string, fromBeginning: boolean, onJoined: () => void): Promise<void> {
    const index = this.consumers.indexOf(crashed);
    if (index >= 0) this.consumers.splice(index, 1);
    await crashed.disconnect().catch(() => undefined);
    for (let attempt = 1; !this.stopped; attempt += 1) {
      try {
        await this.startConsumer(options, groupId, fromBeginning, onJoined);
        return;
      } catch (error) {
        this.logger.error(`could not restart the consumer of ${groupId}: ${error instanceof Error ? error.message : String(error)}`);
        await sleep(Math.min(5_000, 500 * attempt));
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([this.lagPoller.stop(), ...this.consumers.map((consumer) => consumer.disconnect())]);
    this.consumers.length = 0;
    if (this.connected) {
      await this.deleteEphemeralGroups();
      await Promise.allSettled([this.producer.disconnect(), this.admin.disconnect()]);
      this.connected = undefined;
    }
  }

  /**
   * Deletes the ephemeral groups once their consumers have left. Bounded: a broker that is
   * down must not hold up a shutdown; a group left behind expires with its offsets.
   */
  private async deleteEphemeralGroups(): Promise<void> {
    const groupIds = [...this.ephemeralGroups];
    if (groupIds.length === 0) return;
    const deleted = this.admin
      .deleteGroups(groupIds)
      .catch((error: unknown) =>
        this.logger.warn(`could not delete the ephemeral groups ${groupIds.join(', ')}: ${error instanceof Error ? error.message : String(error)}`),
      );
    await Promise.race([deleted, sleep(EPHEMERAL_DELETE_MS)]);
  }

  async isHealthy(): Promise<boolean> {
    if (this.stopped) return false;
    try {
      await this.connect();
      const cluster = await Promise.race([this.admin.describeCluster(), sleep(3_000).then(() => undefined)]);
      return cluster !== undefined && cluster.brokers.length > 0;
    } catch {
      return false;
    }
  }

  /** The dead-letter topic's size from its offsets, as the lag poller reads it for dead_letter_messages. */
  async countDeadLetters(): Promise<number> {
    await this.connect();
    return topicSizeOf(this.admin, this.deadLetterTopic);
  }

  private connect(): Promise<void> {
    this.connected ??= Promise.all([this.producer.connect(), this.admin.connect()]).then(() => undefined);
    this.connected.catch(() => {
      this.connected = undefined;
    });
    return this.connected;
  }

  /**
   * A new group that must see only what is published from now on (each gateway instance
   * reads the replies): its offsets are set to the current ends before it joins, so nothing
   * published after this call can be missed, whatever the join takes.
   */
  private async startNewGroupAtEnd(groupId: string, topics: string[]): Promise<void> {
    const committed = await this.admin.fetchOffsets({ groupId, topics });
    const isNew = committed.every((topic) => topic.partitions.every((partition) => partition.offset === '-1'));
    if (!isNew) return;
    const ends = await Promise.all(topics.map(async (topic) => ({ topic, offsets: await this.admin.fetchTopicOffsets(topic) })));
    try {
      await this.commitOffsetsOfIdleGroup(
        groupId,
        ends.flatMap(({ topic, offsets }) => offsets.map((entry) => ({ topic, partition: entry.partition, offset: entry.high }))),
      );
    } catch (error) {
      // Another instance of the group got there first and is setting them. Joining before it
      // has would start the partitions it has not committed yet from their beginning.
      this.logger.debug(`offsets of ${groupId} already managed: ${error instanceof Error ? error.message : String(error)}`);
      await this.waitForCommittedOffsets(groupId, topics);
    }
  }

  private async waitForCommittedOffsets(groupId: string, topics: string[], timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const committed = await this.admin.fetchOffsets({ groupId, topics });
      if (committed.every((topic) => topic.partitions.every((partition) => partition.offset !== '-1'))) return;
      await sleep(100);
    }
    this.logger.warn(`offsets of ${groupId} still unset after ${timeoutMs} ms: its partitions without one start at their end`);
  }

  /**
   * Commits offsets for a group that has no member yet. What admin.setOffsets does (a
   * throw-away member that seeks, waits for one fetch, and leaves), but its fetch returns at
   * once: admin.setOffsets waits out a full default fetch wait (5 s) on paused partitions,
   * which was most of a gateway's start-up.
   */
  private async commitOffsetsOfIdleGroup(groupId: string, positions: Array<{ topic: string; partition: number; offset: string }>): Promise<void> {
    const topics = [...new Set(positions.map((position) => position.topic))];
    const consumer = this.kafka.consumer({ groupId, maxWaitTimeInMs: 50, retry: { retries: 3 } });
    await consumer.connect();
    try {
      for (const topic of topics) await consumer.subscribe({ topic, fromBeginning: true });
      const { state } = await consumer.describeGroup();
      if (state !== 'Empty' && state !== 'Dead') throw new Error(`the group has members (${state})`);
      await new Promise<void>((resolve, reject) => {
        consumer.on(consumer.events.FETCH, () => resolve());
        consumer.run({ eachBatchAutoResolve: false, eachBatch: async () => undefined }).catch(reject);
        consumer.pause(topics.map((topic) => ({ topic })));
        // With auto-commit on (run's default), a seek is committed as soon as it is applied.
        for (const position of positions) consumer.seek(position);
      });
    } finally {
      await consumer.disconnect();
    }
  }

  private async deliver(options: SubscriptionOptions, topic: string, partition: number, message: KafkaMessage, heartbeat: () => Promise<void>): Promise<void> {
    const headers = headersOf(message);
    let value: unknown;
    try {
      value = JSON.parse(message.value?.toString('utf8') ?? '');
    } catch {
      return this.deadLetter(options.group, topic, partition, message, 'value is not JSON', 1, 'not_json');
    }
    let lastError = 'unknown failure';
    for (let attempt = 1; attempt <= this.maxAttempts; attempt += 1) {
      const context: DeliveryContext = { topic, partition, offset: Number(message.offset), attempt, headers };
      try {
        await options.handler(value, context);
        return;
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
        if (error instanceof PoisonMessageError) return this.deadLetter(options.group, topic, partition, message, lastError, attempt, 'invalid');
        this.logger.warn(`${options.group} failed ${topic}[${partition}]@${message.offset} attempt ${attempt}: ${lastError}`);
        if (attempt < this.maxAttempts) {
          await sleep(this.backoffMs(attempt));
          // Stopping: leave the message uncommitted for the next member rather than hold the
          // shutdown for the rest of the budget or dead-letter a message that may be fine.
          if (this.stopped)
            throw new Error(`${options.group} stopping: ${topic}[${partition}]@${message.offset} left for redelivery after ${attempt} attempt(s)`);
          await heartbeat();
        }
      }
    }
    await this.deadLetter(options.group, topic, partition, message, lastError, this.maxAttempts, 'retries_exhausted');
  }

  private async deadLetter(group: string, topic: string, partition: number, message: KafkaMessage, reason: string, attempts: number, kind: DeadLetterReason) {
    messageMetrics.deadLettered(topic, group, kind);
    this.logger.error(`${group} dead-lettered ${topic}[${partition}]@${message.offset}: ${reason}`);
    const headers: DeadLetterHeaders = {
      'x-dlt-reason': reason,
      'x-dlt-topic': topic,
      'x-dlt-partition': String(partition),
      'x-dlt-offset': message.offset,
      'x-dlt-group': group,
      'x-dlt-attempts': String(attempts),
    };
    await this.producer.send({
      topic: this.deadLetterTopic,
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers: { ...(message.headers ?? {}), ...headers } }],
    });
  }
}

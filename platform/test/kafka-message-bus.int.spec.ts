import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { realServers } from '@cashout/testkit';
import { GROUP_TIMINGS } from '../src/messaging/kafka-bus-settings';
import { KafkaMessageBus } from '../src/messaging/kafka-message-bus';
import { TOPIC_CATALOGUE } from '@cashout/shared-contracts';
import { describeMessageBusContract, waitFor } from './message-bus.contract';
import { probe, seqOf } from './support/probe-messages';

jest.setTimeout(120_000);

describeMessageBusContract(
  'kafka',
  async () => {
    const { kafkaBrokers } = realServers();
    const bus = new KafkaMessageBus({ brokers: kafkaBrokers, clientId: 'contract', maxAttempts: 3, backoffMs: () => 50 });
    await bus.ensureTopics(TOPIC_CATALOGUE);
    return {
      bus,
      createTopic: (name, partitions) => bus.ensureTopics([{ name: name as never, partitions, retentionMs: 3_600_000, cleanupPolicy: 'delete' }]),
      close: () => bus.stop(),
    };
  },
  1_000,
);

describe('KafkaMessageBus group timings', () => {
  it('keeps a member whose handler outlives the session: each message handled once, consumption goes on', async () => {
    const { kafkaBrokers } = realServers();
    const bus = new KafkaMessageBus({ brokers: kafkaBrokers, clientId: 'slow-handler', maxAttempts: 1 });
    const run = randomUUID().slice(0, 8);
    const topic = `slow-${run}`;
    const probe = (seq: number) => ({
      topic,
      key: 'k',
      envelope: {
        messageId: randomUUID(),
        type: 'ContractProbe',
        version: 1,
        occurredAt: new Date().toISOString(),
        correlationId: run,
        aggregateId: 'k',
        producer: 'contract',
        payload: { seq },
      },
    });
    try {
      await bus.ensureTopics([{ name: topic as never, partitions: 1, retentionMs: 3_600_000, cleanupPolicy: 'delete' }]);
      const handled: number[] = [];
      await bus.subscribe({
        group: `slow-${run}`,
        topics: [topic],
        handler: async (value) => {
          const { seq } = (value as { payload: { seq: number } }).payload;
          handled.push(seq);
          // Longer than the session: without heartbeats during the handler the member would
          // be evicted and its commit refused.
          if (seq === 1) await new Promise((resolve) => setTimeout(resolve, GROUP_TIMINGS.sessionTimeoutMs + 3_000));
        },
      });
      await bus.publish([probe(1), probe(2)]);
      await waitFor(() => handled.includes(2), 60_000, 'the message after the slow one');
      await new Promise((resolve) => setTimeout(resolve, GROUP_TIMINGS.sessionTimeoutMs));
      expect(handled).toEqual([1, 2]);
    } finally {
      await bus.stop();
    }
  });
});

describe('KafkaMessageBus ephemeral groups', () => {
  it('deletes the groups subscribed as ephemeral when it stops, and keeps the others', async () => {
    const { kafkaBrokers } = realServers();
    const run = randomUUID().slice(0, 8);
    const topic = `ephemeral-${run}`;
    const durable = `durable-${run}`;
    const perInstance = `per-instance-${run}`;
    const bus = new KafkaMessageBus({ brokers: kafkaBrokers, clientId: 'ephemeral', maxAttempts: 1 });
    const admin = new Kafka({ clientId: 'ephemeral-check', brokers: kafkaBrokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const groupIds = async () => new Set((await admin.listGroups()).groups.map((group) => group.groupId));
    try {
      await bus.ensureTopics([{ name: topic as never, partitions: 1, retentionMs: 3_600_000, cleanupPolicy: 'delete' }]);
      await bus.subscribe({ group: durable, topics: [topic], handler: async () => undefined });
      await bus.subscribe({ group: perInstance, topics: [topic], startFrom: 'latest', ephemeral: true, handler: async () => undefined });
      const before = await groupIds();
      expect([before.has(durable), before.has(perInstance)]).toEqual([true, true]);

      await bus.stop();

      const after = await groupIds();
      expect([after.has(durable), after.has(perInstance)]).toEqual([true, false]);
    } finally {
      await bus.stop();
      await admin.deleteGroups([durable]).catch(() => undefined);
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  });
});

describe('KafkaMessageBus failing handlers', () => {
  const topicSpec = (name: string) => ({ name: name as never, partitions: 1, retentionMs: 3_600_000, cleanupPolicy: 'delete' as const });

  it('by default waits out a store that is down for seconds: the message is handled once it is back, not dead-lettered', async () => {
    const { kafkaBrokers } = realServers();
    const run = randomUUID().slice(0, 8);
    const topic = `outage-${run}`;
    const deadLetterTopic = `outage-dlt-${run}`;
    const bus = new KafkaMessageBus({ brokers: kafkaBrokers, clientId: 'outage', deadLetterTopic, lagPollMs: 0 });
    try {
      await bus.ensureTopics([topicSpec(topic), topicSpec(deadLetterTopic)]);
      const downUntil = Date.now() + 4_000;
      const attempts: number[] = [];
      const handled: number[] = [];
      await bus.subscribe({
        group: `outage-${run}`,
        topics: [topic],
        handler: async (value, delivery) => {
          attempts.push(delivery.attempt);
          if (Date.now() < downUntil) throw new Error('connect ECONNREFUSED (the store is restarting)');
          handled.push(seqOf(value));
        },
      });
      await bus.publish([probe(topic, 1)]);
      await waitFor(() => handled.length === 1, 30_000, 'the message once the store is back');
      expect(handled).toEqual([1]);
      expect(attempts.length).toBeGreaterThan(5);
      expect(await bus.countDeadLetters()).toBe(0);
    } finally {
      await bus.stop();
    }
  });

  it('stopping while a handler is being retried ends promptly and leaves the message to the next member', async () => {
    const { kafkaBrokers } = realServers();
    const run = randomUUID().slice(0, 8);
    const topic = `stopping-${run}`;
    const deadLetterTopic = `stopping-dlt-${run}`;
    const group = `stopping-${run}`;
    const first = new KafkaMessageBus({ brokers: kafkaBrokers, clientId: 'stopping-1', deadLetterTopic, lagPollMs: 0 });
    const second = new KafkaMessageBus({ brokers: kafkaBrokers, clientId: 'stopping-2', deadLetterTopic, lagPollMs: 0 });
    try {
      await first.ensureTopics([topicSpec(topic), topicSpec(deadLetterTopic)]);
      let failing = 0;
      await first.subscribe({
        group,
        topics: [topic],
        handler: async () => {
          failing += 1;
          throw new Error('the store is down');
        },
      });
      await first.publish([probe(topic, 1)]);
      await waitFor(() => failing >= 3, 30_000, 'a few failed attempts');
      const stopping = Date.now();
      await first.stop();
      expect(Date.now() - stopping).toBeLessThan(10_000);

      const handled: number[] = [];
      await second.subscribe({ group, topics: [topic], handler: async (value) => void handled.push(seqOf(value)) });
      await waitFor(() => handled.length === 1, 60_000, 'the message, redelivered to the next member');
      expect(handled).toEqual([1]);
      expect(await second.countDeadLetters()).toBe(0);
    } finally {
      await first.stop();
      await second.stop();
    }
  });
});

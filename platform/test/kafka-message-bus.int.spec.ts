import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { realServers } from '@cashout/testkit';
import { GROUP_TIMINGS, KafkaMessageBus } from '../src/messaging/kafka-message-bus';
import { TOPIC_CATALOGUE } from '@cashout/shared-contracts';
import { describeMessageBusContract, waitFor } from './message-bus.contract';

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

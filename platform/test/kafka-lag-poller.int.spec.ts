import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { Kafka, logLevel } from 'kafkajs';
import { realServers } from '@cashout/testkit';
import { KafkaMessageBus } from '../src/messaging/kafka-message-bus';
import { PoisonMessageError } from '../src/messaging/message-bus.port';
import { platformRegistry } from '../src/metrics/platform-metrics';
import { waitFor } from './message-bus.contract';

jest.setTimeout(120_000);

const POLL_MS = 200;

/** The gauge's value for these labels, as a scrape reads it. */
async function gaugeValue(name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
  const metric = platformRegistry.getSingleMetric(name);
  if (!metric) return undefined;
  const { values } = await metric.get();
  return values.find((entry) => Object.entries(labels).every(([label, value]) => entry.labels[label] === value))?.value;
}

/** Polls an async reading until it passes (a few poll periods at most, in these tests). */
async function eventually(read: () => Promise<number | undefined>, expected: number, what: string, timeoutMs = 20_000): Promise<void> {
  let last: number | undefined;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    last = await read();
    if (last === expected) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what}: expected ${expected}, last read ${String(last)}`);
}

describe('KafkaMessageBus lag poller (real Kafka)', () => {
  const run = randomUUID().slice(0, 8);
  const topic = `lag-${run}`;
  const poisonTopic = `lag-poison-${run}`;
  const deadLetterTopic = `lag-dlq-${run}`;
  const stuckGroup = `lag-stuck-${run}`;
  const refuserGroup = `lag-refuser-${run}`;
  const spec = (name: string) => ({ name: name as never, partitions: 1, retentionMs: 3_600_000, cleanupPolicy: 'delete' as const });
  const probe = (to: string, seq: number) => ({
    topic: to,
    key: 'k',
    envelope: {
      messageId: randomUUID(),
      type: 'LagProbe',
      version: 1,
      occurredAt: new Date().toISOString(),
      correlationId: run,
      aggregateId: 'k',
      producer: 'lag-test',
      payload: { seq },
    },
  });
  let bus: KafkaMessageBus;
  let release: () => void = () => undefined;

  beforeAll(() => {
    const { kafkaBrokers } = realServers();
    bus = new KafkaMessageBus({ brokers: kafkaBrokers, clientId: `lag-${run}`, maxAttempts: 1, lagPollMs: POLL_MS, deadLetterTopic });
  });

  afterAll(async () => {
    release();
    await bus.stop();
    const kafka = new Kafka({ clientId: `lag-cleanup-${run}`, brokers: realServers().kafkaBrokers, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.deleteGroups([stuckGroup, refuserGroup]).catch(() => undefined);
      await admin.deleteTopics({ topics: [topic, poisonTopic, deadLetterTopic] }).catch(() => undefined);
    } finally {
      await admin.disconnect();
    }
  });

  it('shows the lag of a group whose handler blocks, without any batch completing; then the dead letters', async () => {
    const warnings = jest.spyOn(Logger.prototype, 'warn');
    await bus.ensureTopics([spec(topic), spec(poisonTopic)]);
    const gate = new Promise<void>((resolve) => (release = resolve));
    const handled: number[] = [];
    await bus.subscribe({
      group: stuckGroup,
      topics: [topic],
      handler: async (value) => {
        handled.push((value as { payload: { seq: number } }).payload.seq);
        await gate;
      },
    });
    await bus.publish([1, 2, 3, 4, 5].map((seq) => probe(topic, seq)));
    const lag = () => gaugeValue('consumer_lag_messages', { group: stuckGroup, topic, partition: '0' });
    // Nothing is committed while the first message's handler blocks: all five are behind.
    await eventually(lag, 5, 'the lag of the stuck group', 10 * POLL_MS + 10_000);
    expect(handled).toEqual([1]);
    await bus.publish([probe(topic, 6), probe(topic, 7)]);
    await eventually(lag, 7, 'the lag after two more messages');
    expect(handled).toEqual([1]);

    // The dead-letter topic does not exist yet: 0, and the polls go on without a warning.
    expect(await gaugeValue('dead_letter_messages')).toBe(0);
    expect(await bus.countDeadLetters()).toBe(0);
    await bus.ensureTopics([spec(deadLetterTopic)]);
    await bus.subscribe({
      group: refuserGroup,
      topics: [poisonTopic],
      handler: async () => {
        throw new PoisonMessageError('never valid');
      },
    });
    await bus.publish([probe(poisonTopic, 1), probe(poisonTopic, 2), probe(poisonTopic, 3)]);
    await eventually(() => gaugeValue('dead_letter_messages'), 3, 'the dead letters');
    // The port's reading (GET /operations/dead-letters) is the gauge's figure, read on demand.
    expect(await bus.countDeadLetters()).toBe(3);
    expect(warnings.mock.calls.filter(([message]) => String(message).includes('consumer lag'))).toEqual([]);

    // Once the handler returns, the group commits and catches up: the lag goes back to 0.
    release();
    await waitFor(() => handled.length === 7, 30_000, 'the seven messages handled');
    await eventually(lag, 0, 'the lag once caught up');
    warnings.mockRestore();
  });
});

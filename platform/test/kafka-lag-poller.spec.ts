import { Logger } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { consumerLag, KafkaLagPoller, topicSize } from '../src/messaging/kafka-lag-poller';
import { platformRegistry } from '../src/metrics/platform-metrics';

describe('consumer lag arithmetic', () => {
  it('is the end minus the committed offset', () => {
    expect(consumerLag('40', '0', '42')).toBe(2);
    expect(consumerLag(42, 0, 42)).toBe(0);
  });

  it('counts everything retained for a group with nothing committed that starts at the beginning', () => {
    expect(consumerLag('-1', '10', '25')).toBe(15);
    expect(consumerLag('-1', '10', '25', 'earliest')).toBe(15);
  });

  it('is 0 for a group with nothing committed that starts at the end', () => {
    expect(consumerLag('-1', '10', '25', 'latest')).toBe(0);
  });

  it('counts only the retained records when retention deleted past the committed offset', () => {
    expect(consumerLag('3', '10', '25')).toBe(15);
  });

  it('is never negative (a commit seen before the end moved, or an empty partition)', () => {
    expect(consumerLag('30', '0', '25')).toBe(0);
    expect(consumerLag('-1', '0', '0')).toBe(0);
  });
});

describe('topic size', () => {
  it('sums end minus start over the partitions', () => {
    expect(
      topicSize([
        { low: '0', high: '3' },
        { low: '5', high: '9' },
      ]),
    ).toBe(7);
  });

  it('is 0 for a topic without partitions (one that does not exist)', () => {
    expect(topicSize([])).toBe(0);
  });
});

/** An admin client that answers from fixed offsets, or fails while `down` is set. */
function fakeKafka(state: { down: boolean; connects: number; disconnects: number }): Kafka {
  const guard = async <T>(value: T): Promise<T> => {
    if (state.down) throw new Error('broker unreachable');
    return value;
  };
  const admin = {
    connect: async () => void (state.connects += 1),
    disconnect: async () => void (state.disconnects += 1),
    listTopics: () => guard(['orders']),
    fetchTopicOffsets: () => guard([{ partition: 0, offset: '12', high: '12', low: '2' }]),
    fetchOffsets: () => guard([{ topic: 'orders', partitions: [{ partition: 0, offset: '9', metadata: null }] }]),
  };
  return { admin: () => admin } as unknown as Kafka;
}

describe('KafkaLagPoller', () => {
  const groups = () => [{ groupId: 'prefix.billing', label: 'billing', topics: new Set(['orders']), startsAt: 'earliest' as const }];

  it('sets the lag of each partition of its groups, and 0 dead letters when the dead-letter topic is missing', async () => {
    const state = { down: false, connects: 0, disconnects: 0 };
    const poller = new KafkaLagPoller({ kafka: fakeKafka(state), intervalMs: 0, deadLetterTopic: 'dlq', groups });
    await poller.pollOnce();
    const lag = await platformRegistry.getSingleMetric('consumer_lag_messages')?.get();
    expect(lag?.values.find((entry) => entry.labels.group === 'billing' && entry.labels.topic === 'orders' && entry.labels.partition === '0')?.value).toBe(3);
    expect((await platformRegistry.getSingleMetric('dead_letter_messages')?.get())?.values[0]?.value).toBe(0);
    await poller.stop();
    expect(state).toEqual({ down: false, connects: 1, disconnects: 1 });
  });

  it('warns once per streak of failed polls, and again only after one succeeded', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const state = { down: true, connects: 0, disconnects: 0 };
    const poller = new KafkaLagPoller({ kafka: fakeKafka(state), intervalMs: 0, deadLetterTopic: 'dlq', groups });
    try {
      await poller.pollOnce();
      await poller.pollOnce();
      expect(warn).toHaveBeenCalledTimes(1);
      state.down = false;
      await poller.pollOnce();
      state.down = true;
      await poller.pollOnce();
      expect(warn).toHaveBeenCalledTimes(2);
      // One admin client for all the polls.
      expect(state.connects).toBe(1);
    } finally {
      await poller.stop();
      jest.restoreAllMocks();
    }
  });

  it('schedules nothing when disabled, and nothing after stop', async () => {
    const state = { down: false, connects: 0, disconnects: 0 };
    const disabled = new KafkaLagPoller({ kafka: fakeKafka(state), intervalMs: 0, deadLetterTopic: 'dlq', groups });
    disabled.start();
    const stopped = new KafkaLagPoller({ kafka: fakeKafka(state), intervalMs: 10, deadLetterTopic: 'dlq', groups });
    stopped.start();
    await stopped.stop();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(state.connects).toBe(0);
    await disabled.stop();
  });

  it('polls every interval once started', async () => {
    const state = { down: false, connects: 0, disconnects: 0 };
    const poller = new KafkaLagPoller({ kafka: fakeKafka(state), intervalMs: 10, deadLetterTopic: 'dlq', groups });
    const polls = jest.spyOn(poller, 'pollOnce');
    poller.start();
    poller.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await poller.stop();
    expect(polls.mock.calls.length).toBeGreaterThanOrEqual(3);
    expect(state.connects).toBe(1);
    expect(state.disconnects).toBe(1);
  });
});

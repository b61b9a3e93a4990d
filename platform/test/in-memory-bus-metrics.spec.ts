import { TOPICS } from '@cashout/shared-contracts';
import { InMemoryMessageBus } from '../src/messaging/in-memory-message-bus';
import { platformRegistry } from '../src/metrics/platform-metrics';
import { waitFor } from './message-bus.contract';
import { deadLetterProbes, gatedHandler, probe, subscribeRefuser } from './support/probe-messages';

/** The gauge's value for these labels as a scrape reads it (collect runs at each read). */
async function gaugeValue(name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
  const metric = platformRegistry.getSingleMetric(name);
  if (!metric) return undefined;
  const { values } = await metric.get();
  return values.find((entry) => Object.entries(labels).every(([label, value]) => entry.labels[label] === value))?.value;
}

describe('InMemoryMessageBus metrics', () => {
  it('shows the lag of a stuck group growing without any message handled, and back to 0 once it moves', async () => {
    const bus = new InMemoryMessageBus({ defaultPartitions: 1 });
    const { handler, handled, release } = gatedHandler();
    try {
      await bus.subscribe({ group: 'stuck', topics: ['lag-probe'], handler });
      const lag = () => gaugeValue('consumer_lag_messages', { group: 'stuck', topic: 'lag-probe', partition: '0' });
      expect(await lag()).toBe(0);
      await bus.publish([probe('lag-probe', 1), probe('lag-probe', 2), probe('lag-probe', 3)]);
      expect(await lag()).toBe(3);
      await bus.publish([probe('lag-probe', 4), probe('lag-probe', 5)]);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await lag()).toBe(5);
      expect(handled).toEqual([]);
      release();
      await bus.idle();
      expect(handled).toEqual([1, 2, 3, 4, 5]);
      expect(await lag()).toBe(0);
    } finally {
      release();
      await bus.stop();
    }
  });

  it('counts the messages on the dead-letter topic', async () => {
    const bus = new InMemoryMessageBus({ maxAttempts: 1 });
    try {
      expect(await gaugeValue('dead_letter_messages')).toBe(0);
      await subscribeRefuser(bus, 'poison-probe');
      await bus.publish([probe('poison-probe', 1), probe('poison-probe', 2)]);
      await waitFor(() => bus.records(TOPICS.deadLetter).length === 2, 5_000, 'two dead letters');
      expect(await gaugeValue('dead_letter_messages')).toBe(2);
    } finally {
      await bus.stop();
    }
  });

  it('keeps only what the embedded default retains of the dead-letter topic', async () => {
    const bus = new InMemoryMessageBus({ maxAttempts: 1, retainConsumedRecords: false, unreadRetention: 2 });
    try {
      await deadLetterProbes(bus, 'poison-probe', 4);
      expect(bus.deadLetterCount()).toBe(2);
      expect(await gaugeValue('dead_letter_messages')).toBe(2);
    } finally {
      await bus.stop();
    }
  });
});

import { InMemoryMessageBus } from '../src/messaging/in-memory-message-bus';
import { deadLetterProbes } from './support/probe-messages';

describe('InMemoryMessageBus.countDeadLetters (the port reading behind GET /operations/dead-letters)', () => {
  it('is 0 on a fresh bus, then the messages dead-lettered', async () => {
    const bus = new InMemoryMessageBus({ maxAttempts: 1 });
    try {
      expect(await bus.countDeadLetters()).toBe(0);
      await deadLetterProbes(bus, 'dlq-count-probe', 3);
      expect(await bus.countDeadLetters()).toBe(3);
    } finally {
      await bus.stop();
    }
  });

  it('counts what the embedded default retains of the topic, not every message ever dead-lettered', async () => {
    const bus = new InMemoryMessageBus({ maxAttempts: 1, retainConsumedRecords: false, unreadRetention: 2 });
    try {
      await deadLetterProbes(bus, 'dlq-count-probe', 4);
      expect(await bus.countDeadLetters()).toBe(2);
    } finally {
      await bus.stop();
    }
  });
});

import { InMemoryMessageBus } from '../src/messaging/in-memory-message-bus';
import { PoisonMessageError } from '../src/messaging/message-bus.port';

const probe = (topic: string, seq: number) => ({
  topic,
  key: `k-${seq}`,
  envelope: {
    messageId: `m-${seq}`,
    type: 'Probe',
    version: 1,
    occurredAt: '2026-01-15T10:00:00.000Z',
    correlationId: 'c',
    aggregateId: 'k',
    producer: 'test',
    payload: { seq },
  },
});

describe('InMemoryMessageBus.countDeadLetters (the port reading behind GET /operations/dead-letters)', () => {
  it('is 0 on a fresh bus, then the messages dead-lettered', async () => {
    const bus = new InMemoryMessageBus({ maxAttempts: 1 });
    try {
      expect(await bus.countDeadLetters()).toBe(0);
      await bus.subscribe({
        group: 'refuser',
        topics: ['dlq-count-probe'],
        handler: async () => {
          throw new PoisonMessageError('never valid');
        },
      });
      await bus.publish([1, 2, 3].map((seq) => probe('dlq-count-probe', seq)));
      await bus.idle();
      expect(await bus.countDeadLetters()).toBe(3);
    } finally {
      await bus.stop();
    }
  });

  it('counts what the embedded default retains of the topic, not every message ever dead-lettered', async () => {
    const bus = new InMemoryMessageBus({ maxAttempts: 1, retainConsumedRecords: false, unreadRetention: 2 });
    try {
      await bus.subscribe({
        group: 'refuser',
        topics: ['dlq-count-probe'],
        handler: async () => {
          throw new PoisonMessageError('never valid');
        },
      });
      await bus.publish([1, 2, 3, 4].map((seq) => probe('dlq-count-probe', seq)));
      await bus.idle();
      expect(await bus.countDeadLetters()).toBe(2);
    } finally {
      await bus.stop();
    }
  });
});

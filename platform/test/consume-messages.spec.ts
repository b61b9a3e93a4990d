import { TOPICS } from '@cashout/shared-contracts';
import { consumeMessages } from '../src/messaging/consume-messages';
import { InMemoryMessageBus } from '../src/messaging/in-memory-message-bus';
import { MessageFactory } from '../src/messaging/message-factory';

const factory = new MessageFactory('test', () => new Date('2026-01-15T10:00:00.000Z'));
const getIntent = (intentId: string) => factory.create('GetIntent', { intentId, actor: { userId: 'usr-admin', role: 'ADMIN' } }, { aggregateId: intentId, correlationId: `corr-${intentId}` });
/** The same message with a payload its contract refuses. */
const broken = (intentId: string) => {
  const message = getIntent(intentId);
  return { ...message, envelope: { ...message.envelope, payload: { actor: { userId: 'usr-admin', role: 'ADMIN' }, intentId: 42 } } };
};
const deadLetters = (bus: InMemoryMessageBus) => bus.records(TOPICS.deadLetter).map((record) => record.headers['x-dlt-reason']);

describe('consumeMessages', () => {
  it('given a known type the group has no handler for, when it arrives, then it is skipped unvalidated, not dead-lettered', async () => {
    const bus = new InMemoryMessageBus();
    await consumeMessages(bus, { group: 'no-get-intent', topics: [TOPICS.ledgerQueries], handlers: {} });

    await bus.publish([broken('i-1')]);
    await bus.idle();

    expect(deadLetters(bus)).toEqual([]);
  });

  it('given a handled type with an invalid payload, when it arrives, then it is dead-lettered with the reason', async () => {
    const bus = new InMemoryMessageBus();
    const handled: string[] = [];
    await consumeMessages(bus, { group: 'reads', topics: [TOPICS.ledgerQueries], handlers: { GetIntent: async (message) => void handled.push(message.payload.intentId) } });

    await bus.publish([broken('i-2'), getIntent('i-3')]);
    await bus.idle();

    expect(handled).toEqual(['i-3']);
    expect(deadLetters(bus)).toHaveLength(1);
    expect(deadLetters(bus)[0]).toMatch(/intentId/);
  });

  it('given an accept filter, when messages arrive, then only those it accepts are validated and handled', async () => {
    const bus = new InMemoryMessageBus();
    const handled: string[] = [];
    await consumeMessages(bus, {
      group: 'mine-only',
      topics: [TOPICS.ledgerQueries],
      accept: (raw) => raw.correlationId === 'corr-i-5',
      handlers: { GetIntent: async (message) => void handled.push(message.payload.intentId) },
    });

    await bus.publish([broken('i-4'), getIntent('i-5'), getIntent('i-6')]);
    await bus.idle();

    expect(handled).toEqual(['i-5']);
    expect(deadLetters(bus)).toEqual([]);
  });
});

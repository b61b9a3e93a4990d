import { Writable } from 'node:stream';
import { TOPICS } from '@cashout/shared-contracts';
import { createPlatformLogger, installPlatformLogger } from '../src/logging/platform-logger';
import { platformMetricsText } from '../src/metrics/platform-metrics';
import { consumeMessages, setMessageLogLevel } from '../src/messaging/consume-messages';
import { InMemoryMessageBus } from '../src/messaging/in-memory-message-bus';
import { MessageFactory } from '../src/messaging/message-factory';

const factory = new MessageFactory('test', () => new Date('2026-01-15T10:00:00.000Z'));
const getIntent = (intentId: string) =>
  factory.create('GetIntent', { intentId, actor: { userId: 'usr-admin', role: 'ADMIN' } }, { aggregateId: intentId, correlationId: `corr-${intentId}` });
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
    await consumeMessages(bus, {
      group: 'reads',
      topics: [TOPICS.ledgerQueries],
      handlers: { GetIntent: async (message) => void handled.push(message.payload.intentId) },
    });

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

describe('what consumeMessages reports', () => {
  it('given a handled message, then one line carries its ids, delivery and outcome, and messages_handled_total counts it', async () => {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    installPlatformLogger(createPlatformLogger({ service: 'ledger-wallets', instance: 'lw-1', level: 'info', destination }));
    setMessageLogLevel('info');
    const bus = new InMemoryMessageBus();
    await consumeMessages(bus, { group: 'reporting-test', topics: [TOPICS.ledgerQueries], handlers: { GetIntent: async () => undefined } });

    const message = getIntent('i-7');
    await bus.publish([message, broken('i-8')]);
    await bus.idle();

    const handled = lines.find((line) => line.msg === 'message handled');
    expect(handled).toMatchObject({
      service: 'ledger-wallets',
      instance: 'lw-1',
      level: 'info',
      group: 'reporting-test',
      type: 'GetIntent',
      messageId: message.envelope.messageId,
      correlationId: 'corr-i-7',
      intentId: 'i-7',
      topic: TOPICS.ledgerQueries,
      partition: expect.any(Number),
      offset: expect.any(Number),
      attempt: 1,
      durationMs: expect.any(Number),
      outcome: 'ok',
    });
    const text = await platformMetricsText();
    expect(text).toContain('messages_handled_total{type="GetIntent",group="reporting-test",outcome="ok"} 1');
    expect(text).toContain('messages_handled_total{type="GetIntent",group="reporting-test",outcome="invalid"} 1');
    expect(text).toMatch(/dead_letter_total\{topic="[^"]+",group="reporting-test",reason="invalid"\} 1/);
    expect(text).toContain('message_handling_duration_seconds_count{type="GetIntent",group="reporting-test"} 1');
  });
});

import { INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { InMemoryMessageBus, MessageFactory, consumeMessages } from '@cashout/platform';
import { TOPICS } from '@cashout/shared-contracts';
import { GatewayModule, loadGatewayConfig } from '../src';
import { toApiError } from '../src/http/error.filter';
import { Requester } from '../src/messaging/requester';
import { SEAL_KEY, sampleIntent } from './support/gateway-harness';

describe('GatewayModule messaging', () => {
  let app: INestApplicationContext;
  let bus: InMemoryMessageBus;
  const platform = new MessageFactory('fake-ledger');
  const actor = { userId: 'usr-agent-0001', role: 'AGENT' as const };

  beforeEach(async () => {
    bus = new InMemoryMessageBus({ maxAttempts: 2, backoffMs: () => 1 });
    const config = loadGatewayConfig({ APP_ENV: 'test', MESSAGE_SEAL_KEY: SEAL_KEY, GATEWAY_REPLY_TIMEOUT_MS: '200' });
    app = await NestFactory.createApplicationContext(
      GatewayModule.register({ platform: { serviceName: 'gateway', bus, sealKey: SEAL_KEY }, config, seedDemo: true }),
      { logger: false },
    );
    await app.init();
  });

  afterEach(async () => {
    await app.close();
    await bus.stop();
  });

  it('resolves a request with its reply, even when the reply is delivered twice', async () => {
    await consumeMessages(bus, {
      group: 'fake-ledger',
      topics: [TOPICS.ledgerQueries],
      handlers: {
        GetIntent: async (message) => {
          const reply = platform.reply(message, 'GatewayReply', { kind: 'intent', intent: sampleIntent({ id: message.payload.intentId }) });
          await bus.publish([reply, reply]);
        },
      },
    });

    const body = await app.get(Requester).request('GetIntent', { intentId: 'i-1', actor }, { aggregateId: 'i-1', correlationId: 'c-1' });
    await bus.idle();

    expect(body).toMatchObject({ kind: 'intent', intent: { id: 'i-1' } });
    expect(bus.records(TOPICS.deadLetter)).toHaveLength(0);
  });

  it('rejects with TIMEOUT when no reply comes', async () => {
    await expect(
      app.get(Requester).request('GetIntent', { intentId: 'i-2', actor }, { aggregateId: 'i-2', correlationId: 'c-2', timeoutMs: 50 }),
    ).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it('dead-letters an invalid reply and keeps answering the next ones', async () => {
    const invalid = platform.create('GatewayReply', { kind: 'wallets', wallets: [] }, { aggregateId: 'x', correlationId: 'c-3' });
    (invalid.envelope as { payload: unknown }).payload = { kind: 'wallets', wallets: 'not an array' };
    const pending = app.get(Requester).request('GetReconciliation', {}, { aggregateId: 'r', correlationId: 'c-3' });
    await bus.publish([invalid]);
    await bus.idle();
    expect(bus.records(TOPICS.deadLetter)).toHaveLength(1);

    await bus.publish([
      platform.create(
        'GatewayReply',
        { kind: 'reconciliation', report: { balanced: true, walletsChecked: 0, mismatches: [], totalsByCurrency: {} } },
        { aggregateId: 'r', correlationId: 'c-3' },
      ),
    ]);
    await expect(pending).resolves.toMatchObject({ kind: 'reconciliation' });
  });
});

describe('unexpected errors', () => {
  it('given a plain Error, when mapped, then INTERNAL without its message', () => {
    const logger = new Logger('test');
    jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    const error = toApiError(new Error('secret detail 1234'), logger);
    expect(error.code).toBe('INTERNAL');
    expect(JSON.stringify(error.toBody())).not.toContain('secret detail');
  });
});

import request from 'supertest';
import { InMemoryMessageBus, MessageBus, MessageFactory, OutgoingMessage, SubscriptionOptions } from '@cashout/platform';
import { Message, topicOf } from '@cashout/shared-contracts';
import { loadGatewayConfig } from '../src';
import { ApiError } from '../src/http/api-error';
import { Requester } from '../src/messaging/requester';
import { USERS, createHarness } from './support/gateway-harness';

const TIMEOUT_MS = 60;

/** A bus whose publish of commands is held until the test lets it go (a broker restarting). */
class StallingBus implements MessageBus {
  readonly inner = new InMemoryMessageBus({ maxAttempts: 2, backoffMs: () => 1 });
  private held: Array<{ messages: OutgoingMessage[]; resolve: () => void; reject: (error: Error) => void }> = [];
  mode: 'pass' | 'hang' | 'fail' | 'throw' = 'pass';

  publish(messages: OutgoingMessage[]): Promise<void> {
    if (this.mode === 'throw') throw new Error('producer closed');
    if (this.mode === 'fail') return Promise.reject(new Error('broker unreachable'));
    if (this.mode === 'pass') return this.inner.publish(messages);
    return new Promise<void>((resolve, reject) => this.held.push({ messages, resolve, reject }));
  }

  /** Ends every held publish: delivered, or failed. */
  async letGo(outcome: 'deliver' | 'fail'): Promise<void> {
    const held = this.held;
    this.held = [];
    for (const publish of held) {
      if (outcome === 'fail') publish.reject(new Error('broker unreachable'));
      else {
        await this.inner.publish(publish.messages);
        publish.resolve();
      }
    }
    await new Promise((resolve) => setImmediate(resolve));
  }

  subscribe(options: SubscriptionOptions): Promise<void> {
    return this.inner.subscribe(options);
  }

  stop(): Promise<void> {
    return this.inner.stop();
  }

  isHealthy(): Promise<boolean> {
    return this.inner.isHealthy();
  }

  countDeadLetters(): Promise<number> {
    return this.inner.countDeadLetters();
  }
}

/** Every unhandled rejection while the test runs; Node would end the process on one. */
function watchUnhandledRejections(): { seen: unknown[]; stop: () => void } {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => seen.push(reason);
  process.on('unhandledRejection', listener);
  return { seen, stop: () => process.off('unhandledRejection', listener) };
}

/** Lets pending timers and promise jobs run, so a late rejection would surface. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 2 * TIMEOUT_MS));

describe('Requester', () => {
  let bus: StallingBus;
  let requester: Requester;
  let watch: ReturnType<typeof watchUnhandledRejections>;
  const context = (correlationId: string) => ({ aggregateId: 'intent-1', correlationId });
  const getIntent = (correlationId: string) =>
    requester.request('GetIntent', { intentId: 'intent-1', actor: { userId: USERS.ADMIN.userId, role: 'ADMIN' } }, context(correlationId));

  beforeEach(async () => {
    watch = watchUnhandledRejections();
    bus = new StallingBus();
    const config = loadGatewayConfig({ APP_ENV: 'test', GATEWAY_REPLY_TIMEOUT_MS: String(TIMEOUT_MS) });
    requester = new Requester(bus, new MessageFactory('gateway'), config);
    await requester.onModuleInit();
  });

  afterEach(async () => {
    watch.stop();
    await bus.letGo('fail');
    requester.onApplicationShutdown();
    await bus.stop();
  });

  it('answers TIMEOUT at the deadline while the publish hangs, with no unhandled rejection', async () => {
    bus.mode = 'hang';
    const started = Date.now();

    await expect(getIntent('c-hang')).rejects.toMatchObject({ name: 'ApiError', code: 'TIMEOUT' });

    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 10);
    await settle();
    expect(watch.seen).toEqual([]);
  });

  it('ignores the outcome of a publish that ends after the timeout, delivered or failed', async () => {
    bus.mode = 'hang';
    const first = getIntent('c-late-1');
    const second = getIntent('c-late-2');
    await expect(first).rejects.toBeInstanceOf(ApiError);
    await expect(second).rejects.toBeInstanceOf(ApiError);

    await bus.letGo('fail');
    await settle();

    expect(watch.seen).toEqual([]);
  });

  it('rejects with the publish error when the publish fails, and never times out afterwards', async () => {
    bus.mode = 'fail';

    await expect(getIntent('c-fail')).rejects.toThrow('broker unreachable');

    await settle();
    expect(watch.seen).toEqual([]);
  });

  it('rejects with the error of a bus that throws instead of rejecting, and never times out afterwards', async () => {
    bus.mode = 'throw';

    await expect(getIntent('c-throw')).rejects.toThrow('producer closed');

    await settle();
    expect(watch.seen).toEqual([]);
  });

  it('answers the reply when the publish completes in time', async () => {
    const platform = new MessageFactory('fake-platform');
    await bus.subscribe({
      group: 'fake-ledger',
      topics: [topicOf('GetIntent')],
      handler: async (value) => {
        await bus.publish([platform.reply(value as Message, 'GatewayReply', { kind: 'wallets', wallets: [] })]);
      },
    });

    await expect(getIntent('c-ok')).resolves.toEqual({ kind: 'wallets', wallets: [] });
  });
});

describe('a request whose publish hangs, through HTTP', () => {
  it('answers 504 TIMEOUT and the gateway keeps serving', async () => {
    const watch = watchUnhandledRejections();
    const harness = await createHarness({ GATEWAY_REPLY_TIMEOUT_MS: String(TIMEOUT_MS) });
    try {
      const publish = harness.bus.publish.bind(harness.bus);
      const held: Array<() => void> = [];
      jest
        .spyOn(harness.bus, 'publish')
        .mockImplementation((messages) =>
          messages.some((message) => message.envelope.type === 'GetIntent')
            ? new Promise<void>((resolve) => held.push(() => void publish(messages).then(resolve)))
            : publish(messages),
        );
      const token = harness.tokenFor('ADMIN');

      const answer = await request(harness.app.getHttpServer()).get('/intents/intent-1').set('Authorization', `Bearer ${token}`);

      expect(answer.status).toBe(504);
      expect((answer.body as { error: { code: string } }).error.code).toBe('TIMEOUT');
      for (const release of held) release();
      await settle();
      expect(watch.seen).toEqual([]);
      await request(harness.app.getHttpServer()).get('/health').expect(200);
    } finally {
      watch.stop();
      await harness.close();
    }
  });
});

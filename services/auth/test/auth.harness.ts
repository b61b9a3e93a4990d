import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Message, MessageType, PayloadOf, TOPICS } from '@cashout/shared-contracts';
import { InMemoryMessageBus, JwtCodec, ManualClock, MessageFactory, OutgoingMessage, SealedBox } from '@cashout/platform';
import { AuthConfig, AuthModule, loadAuthConfig } from '../src';

export const SEAL_KEY = 'test-only-seal-key-for-auth';
export const JWT_SECRET = 'test-only-jwt-secret-for-auth';
export const AGENT = { userId: 'usr-agent-0001', phone: '+2250500000001', pin: '1234' };
export const OTHER_AGENT = { userId: 'usr-agent-0002', phone: '+2250500000002', pin: '1234' };

/** A booted auth module on its own bus, with the tools the other services would hold. */
export interface AuthHarness {
  app: INestApplicationContext;
  bus: InMemoryMessageBus;
  clock: ManualClock;
  config: AuthConfig;
  sealedBox: SealedBox;
  jwt: JwtCodec;
  /** Stands in for the ledger saga and the gateway. */
  peer: MessageFactory;
}

export async function bootAuth(overrides: Record<string, string> = {}): Promise<AuthHarness> {
  const bus = new InMemoryMessageBus({ maxAttempts: 2, backoffMs: () => 1 });
  const clock = new ManualClock();
  const config = loadAuthConfig({
    APP_ENV: 'test',
    JWT_SECRET,
    MESSAGE_SEAL_KEY: SEAL_KEY,
    BCRYPT_COST_OTP: '4',
    BCRYPT_COST_PIN: '4',
    ...overrides,
  });
  const app = await NestFactory.createApplicationContext(
    AuthModule.register({ platform: { serviceName: 'auth', bus, sealKey: SEAL_KEY, clock }, config, seedDemo: true }),
    { logger: false, abortOnError: false },
  );
  await app.init();
  return {
    app,
    bus,
    clock,
    config,
    sealedBox: new SealedBox(SEAL_KEY),
    jwt: new JwtCodec(config.jwt),
    peer: new MessageFactory('test-peer', () => clock.now()),
  };
}

export function command<T extends MessageType>(harness: AuthHarness, type: T, payload: PayloadOf<T>, aggregateId: string): OutgoingMessage {
  return harness.peer.create(type, payload, { aggregateId, correlationId: `corr-${aggregateId}-${type}` });
}

/** Publishes (possibly the same envelope more than once) and waits until auth has handled it all. */
export async function deliver(harness: AuthHarness, ...messages: OutgoingMessage[]): Promise<void> {
  for (const message of messages) {
    await harness.bus.publish([message]);
    await harness.bus.idle();
  }
}

export function published<T extends MessageType>(harness: AuthHarness, topic: string, type: T): Message<T>[] {
  return harness.bus
    .records(topic)
    .map((record) => record.value as Message)
    .filter((message) => message.type === type)
    .map((message) => message as unknown as Message<T>);
}

/** The outcome events (OtpVerified/OtpRejected/PinVerified/PinRejected) of one step, in order. */
export function outcomesOf(harness: AuthHarness, stepId: string): Message[] {
  return harness.bus
    .records(TOPICS.authEvents)
    .map((record) => record.value as Message)
    .filter((message) => (message.payload as { stepId?: string }).stepId === stepId);
}

import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import Redis from 'ioredis';
import { InMemoryMessageBus, ManualClock, MessageFactory } from '@cashout/platform';
import { REDIS_CONNECTION } from '@cashout/platform/redis';
import { Envelope, MessageType, PayloadOf, TOPICS } from '@cashout/shared-contracts';
import { realServers } from '@cashout/testkit';
import { RiskEngineModule, loadRiskConfig } from '../src';
import { RedisRiskCountersRepository } from '../src/infrastructure/redis-risk-counters.repository';
import { RISK_COUNTERS_REPOSITORY } from '../src/risk-counters.repository.port';

/**
 * The module on a real Redis under its production prefix (cashout:risk-engine:): every id
 * of this run carries `run`, so its keys are found and dropped afterwards.
 */
describe('RiskEngineModule on Redis', () => {
  const run = `it-${process.pid}-${Date.now().toString(36)}`;
  const clientId = `client-${run}`;
  const ledger = new MessageFactory('ledger-wallets');
  let app: INestApplicationContext;
  let bus: InMemoryMessageBus;
  let raw: Redis;
  let sequence = 0;

  beforeAll(async () => {
    raw = new Redis(realServers().redisUrl);
    bus = new InMemoryMessageBus({ maxAttempts: 2, backoffMs: () => 1 });
    const config = loadRiskConfig({ APP_ENV: 'test' });
    app = await NestFactory.createApplicationContext(
      RiskEngineModule.register({
        platform: { serviceName: 'risk-engine', bus, sealKey: config.sealKey, clock: new ManualClock() },
        config,
        seedDemo: true,
        infrastructure: { redisUrl: realServers().redisUrl },
      }),
      { logger: false },
    );
    await app.init();
  });

  afterAll(async () => {
    await bus.stop();
    const connection = app.get<Redis>(REDIS_CONNECTION);
    await app.close();
    expect(connection.status).toBe('end');
    const keys = await raw.keys(`cashout:risk-engine:*${run}*`);
    if (keys.length > 0) await raw.del(...keys);
    await raw.quit();
  });

  const check = (intentId: string, amount: number) => ({
    intentId,
    stepId: 'step-1',
    client: { userId: clientId, kycTier: 1, status: 'ACTIVE' as const },
    agentUserId: `agent-${run}`,
    amount,
    currency: 'XOF',
  });

  function message<T extends MessageType>(type: T, payload: PayloadOf<T>, aggregateId: string) {
    sequence += 1;
    return ledger.create(type, payload, { aggregateId, correlationId: `corr-${run}-${sequence}` });
  }

  const answersTo = (correlationId: string) =>
    bus
      .records(TOPICS.riskEvents)
      .map((record) => record.value as Envelope)
      .filter((envelope) => envelope.correlationId === correlationId);

  it('uses the Redis adapter', () => {
    expect(app.get(RISK_COUNTERS_REPOSITORY)).toBeInstanceOf(RedisRiskCountersRepository);
  });

  it('reserves once under redelivery, in keys prefixed by the service', async () => {
    const reserve = message('ReserveCashOut', check(`intent-a-${run}`, 100_000), `intent-a-${run}`);
    await bus.publish([reserve]);
    await bus.publish([reserve]);
    await bus.idle();
    expect(answersTo(reserve.envelope.correlationId).map((answer) => answer.payload)).toEqual([
      { intentId: `intent-a-${run}`, stepId: 'step-1', approved: true, reasons: [] },
      { intentId: `intent-a-${run}`, stepId: 'step-1', approved: true, reasons: [] },
    ]);
    expect(await raw.get(`cashout:risk-engine:client:${clientId}:day:2026-01-15`)).toBe('100000');
    expect(await raw.hget(`cashout:risk-engine:reservation:intent-a-${run}`, 'status')).toBe('ACTIVE');
  });

  it('refuses from the counters in Redis, and frees them on release', async () => {
    const second = message('ReserveCashOut', check(`intent-b-${run}`, 100_000), `intent-b-${run}`);
    const third = message('ReserveCashOut', check(`intent-c-${run}`, 500), `intent-c-${run}`);
    await bus.publish([second]);
    await bus.idle();
    await bus.publish([third]);
    await bus.idle();
    expect(answersTo(third.envelope.correlationId)[0].payload).toMatchObject({ approved: false, reasons: ['DAILY_LIMIT_EXCEEDED'] });

    await bus.publish([message('ReleaseReservation', { intentId: `intent-b-${run}` }, `intent-b-${run}`)]);
    await bus.idle();
    const retry = message('ReserveCashOut', check(`intent-c-${run}`, 500), `intent-c-${run}`);
    await bus.publish([retry]);
    await bus.idle();
    expect(answersTo(retry.envelope.correlationId)[0].payload).toMatchObject({ approved: true });
    expect(await raw.get(`cashout:risk-engine:client:${clientId}:day:2026-01-15`)).toBe('100500');
  });

  it('dead-letters an invalid message and keeps consuming', async () => {
    const invalid = message('ReserveCashOut', check(`intent-d-${run}`, 1_000), `intent-d-${run}`);
    (invalid.envelope.payload as { amount: number }).amount = 10.5;
    await bus.publish([invalid]);
    await bus.idle();
    expect(bus.records(TOPICS.deadLetter)).toHaveLength(1);
    expect(answersTo(invalid.envelope.correlationId)).toHaveLength(0);
  });
});

import request from 'supertest';
import Redis from 'ioredis';
import { REDIS_CONNECTION } from '@cashout/platform/redis';
import { realServers } from '@cashout/testkit';
import { IDEMPOTENCY_STORE, RATE_LIMITER } from '../src';
import { RedisIdempotencyStore } from '../src/infrastructure/redis-idempotency.store';
import { RedisRateLimiter } from '../src/infrastructure/redis-rate-limiter';
import { Harness, USERS, createHarness } from './support/gateway-harness';

/**
 * Two gateway instances on one real Redis, under the production prefix (cashout:gateway:):
 * the callers and keys of this run carry `run`, so its keys are found and dropped afterwards.
 */
describe('two gateways sharing Redis', () => {
  const run = `it-${process.pid}-${Date.now().toString(36)}`;
  let agentId = '';
  let agentToken = '';
  let sequence = 0;
  let first: Harness;
  let second: Harness;
  let raw: Redis;

  beforeAll(() => {
    raw = new Redis(realServers().redisUrl);
  });

  afterAll(async () => {
    const keys = await raw.keys(`cashout:gateway:*${run}*`);
    if (keys.length > 0) await raw.del(...keys);
    await raw.quit();
  });

  beforeEach(async () => {
    // A caller of its own per test: the rate-limit buckets live in Redis between tests.
    sequence += 1;
    agentId = `usr-agent-${run}-${sequence}`;
    const infrastructure = { redisUrl: realServers().redisUrl };
    first = await createHarness({ RATE_LIMIT_PER_MINUTE: '3' }, infrastructure);
    second = await createHarness({ RATE_LIMIT_PER_MINUTE: '3' }, infrastructure);
    // Both gateways check tokens with the same key: one token serves either.
    agentToken = await first.signToken('AGENT', agentId);
  });

  afterEach(async () => {
    const connection = first.app.get<Redis>(REDIS_CONNECTION);
    await first.close();
    await second.close();
    expect(connection.status).toBe('end');
  });

  const create = (harness: Harness, key: string) =>
    request(harness.app.getHttpServer())
      .post('/intents')
      .set({ Authorization: `Bearer ${agentToken}` })
      .set('Idempotency-Key', `${key}-${run}`)
      .send({ amount: 10000, clientPhone: USERS.CLIENT.phone });

  it('uses the Redis adapters', () => {
    expect(first.app.get(IDEMPOTENCY_STORE)).toBeInstanceOf(RedisIdempotencyStore);
    expect(first.app.get(RATE_LIMITER)).toBeInstanceOf(RedisRateLimiter);
  });

  it('reports the cache in its readiness, and is not ready without it', async () => {
    const ready = await request(first.app.getHttpServer()).get('/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', checks: { broker: true, cache: true } });

    const connection = second.app.get<Redis>(REDIS_CONNECTION);
    connection.disconnect();
    const unready = await request(second.app.getHttpServer()).get('/ready');
    expect(unready.status).toBe(503);
    expect(unready.body).toEqual({ status: 'unavailable', checks: { broker: true, cache: false } });
  });

  it('replays on one instance the response the other one stored', async () => {
    const original = await create(first, 'replay').expect(201);
    const replayed = await create(second, 'replay').expect(201);
    expect(replayed.body).toEqual(original.body);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(first.published('CreateCashOutIntent')).toHaveLength(1);
    expect(second.published('CreateCashOutIntent')).toHaveLength(0);
  });

  it('makes a retry on another instance wait for the request in flight', async () => {
    const answer = first.answers.CreateCashOutIntent!;
    first.answers.CreateCashOutIntent = async (message) => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      return answer(message);
    };
    const pending = create(first, 'in-flight').then((response) => response);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const [original, retried] = await Promise.all([pending, create(second, 'in-flight')]);
    expect([original.status, retried.status]).toEqual([201, 201]);
    expect(retried.body.id).toBe(original.body.id);
    expect(first.published('CreateCashOutIntent').length + second.published('CreateCashOutIntent').length).toBe(1);
  });

  it('refuses on one instance a key the other used with another body', async () => {
    await create(first, 'reused').expect(201);
    const response = await request(second.app.getHttpServer())
      .post('/intents')
      .set({ Authorization: `Bearer ${agentToken}` })
      .set('Idempotency-Key', `reused-${run}`)
      .send({ amount: 20000, clientPhone: USERS.CLIENT.phone })
      .expect(409);
    expect(response.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('shares one rate-limit budget per caller across instances', async () => {
    const callerToken = await first.signToken('CLIENT', `usr-client-${run}-${sequence}`);
    const wallets = (harness: Harness) =>
      request(harness.app.getHttpServer())
        .get('/wallets/me')
        .set({ Authorization: `Bearer ${callerToken}` });
    await wallets(first).expect(200);
    await wallets(second).expect(200);
    await wallets(first).expect(200);
    const refused = await wallets(second).expect(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
  });
});

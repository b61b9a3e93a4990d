import { connectRedis } from '@cashout/platform/redis';
import { dropRedisPrefix, realServers, uniqueRedisService } from '@cashout/testkit';
import { RedisIdempotencyStore } from '../src/infrastructure/redis-idempotency.store';
import { idempotencyStoreContract } from './support/idempotency-store.contract';

idempotencyStoreContract('redis', async (clock) => {
  const redis = await connectRedis(realServers().redisUrl, uniqueRedisService('gateway'));
  return {
    store: new RedisIdempotencyStore(redis, clock),
    close: async () => {
      await dropRedisPrefix(redis);
      await redis.quit();
    },
  };
});

describe('RedisIdempotencyStore in Redis', () => {
  it('lets Redis collect a record after its TTL, not after its lease', async () => {
    const redis = await connectRedis(realServers().redisUrl, uniqueRedisService('gateway'));
    try {
      const store = new RedisIdempotencyStore(redis, { now: () => new Date() });
      await store.claim('user POST /v1/intents key', 'f', 'owner', { leaseMs: 25_000, ttlMs: 24 * 60 * 60 * 1000 });
      const ttl = await redis.pttl('idempotency:user POST /v1/intents key');
      expect(ttl).toBeGreaterThan(24 * 60 * 60 * 1000 - 5_000);
      expect(ttl).toBeLessThanOrEqual(24 * 60 * 60 * 1000);
    } finally {
      await dropRedisPrefix(redis);
      await redis.quit();
    }
  });

  it('lets a retry take over an in-flight record written before leases existed', async () => {
    const redis = await connectRedis(realServers().redisUrl, uniqueRedisService('gateway'));
    try {
      const nowMs = Date.now();
      await redis.hset('idempotency:legacy', 'fingerprint', 'f', 'state', 'IN_FLIGHT', 'expiresAtMs', String(nowMs + 60_000));
      const store = new RedisIdempotencyStore(redis, { now: () => new Date(nowMs) });
      expect(await store.find('legacy')).toMatchObject({ state: 'IN_FLIGHT', owner: '', leaseExpiresAtMs: 0 });
      expect(await store.claim('legacy', 'f', 'owner', { leaseMs: 1000, ttlMs: 60_000 })).toEqual({ claimed: true, takenOver: true });
    } finally {
      await dropRedisPrefix(redis);
      await redis.quit();
    }
  });
});

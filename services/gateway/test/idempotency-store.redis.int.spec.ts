import { connectRedis } from '@cashout/platform';
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
  it('lets Redis collect a record after its TTL', async () => {
    const redis = await connectRedis(realServers().redisUrl, uniqueRedisService('gateway'));
    try {
      const store = new RedisIdempotencyStore(redis, { now: () => new Date() });
      await store.claim('user POST /v1/intents key', 'f', 24 * 60 * 60 * 1000);
      const ttl = await redis.pttl('idempotency:user POST /v1/intents key');
      expect(ttl).toBeGreaterThan(24 * 60 * 60 * 1000 - 5_000);
      expect(ttl).toBeLessThanOrEqual(24 * 60 * 60 * 1000);
    } finally {
      await dropRedisPrefix(redis);
      await redis.quit();
    }
  });
});

import { ManualClock } from '@cashout/platform';
import { connectRedis } from '@cashout/platform/redis';
import { dropRedisPrefix, realServers, uniqueRedisService } from '@cashout/testkit';
import { TokenBucket, takeToken } from '../src/domain/token-bucket';
import { RedisRateLimiter } from '../src/infrastructure/redis-rate-limiter';
import { rateLimiterContract } from './support/rate-limiter.contract';

rateLimiterContract('redis', async (clock) => {
  const redis = await connectRedis(realServers().redisUrl, uniqueRedisService('gateway'));
  return {
    limiter: new RedisRateLimiter(redis, clock),
    close: async () => {
      await dropRedisPrefix(redis);
      await redis.quit();
    },
  };
});

describe('RedisRateLimiter against the domain token bucket', () => {
  it('decides exactly as takeToken() over a long irregular sequence', async () => {
    const redis = await connectRedis(realServers().redisUrl, uniqueRedisService('gateway'));
    try {
      const clock = new ManualClock();
      const limiter = new RedisRateLimiter(redis, clock);
      let bucket: TokenBucket | undefined;
      // A deterministic pseudo-random walk of gaps, including bursts, pauses and refusals.
      let seed = 7;
      for (let step = 0; step < 400; step += 1) {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
        clock.advance([0, 0, 1, 37, 250, 999, 3_001, 17_000][seed % 8]);
        const expected = takeToken(bucket, clock.now().getTime(), 13);
        bucket = expected.bucket;
        const actual = await limiter.take('walk', 13);
        expect(actual).toEqual(expected.allowed ? { allowed: true } : { allowed: false, retryAfterMs: expected.retryAfterMs });
      }
    } finally {
      await dropRedisPrefix(redis);
      await redis.quit();
    }
  });
});

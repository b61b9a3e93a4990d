import { connectRedis } from '@cashout/platform/redis';
import { dropRedisPrefix, realServers, uniqueRedisService } from '@cashout/testkit';
import { RedisRiskCountersRepository } from '../src/infrastructure/redis-risk-counters.repository';
import { describeRiskCountersRepositoryContract } from './risk-counters.repository.contract';

describeRiskCountersRepositoryContract('redis', async () => {
  // Every test gets a key prefix of its own, dropped afterwards.
  const service = uniqueRedisService('risk-engine');
  const redis = await connectRedis(realServers().redisUrl, service);
  return {
    repository: new RedisRiskCountersRepository(redis),
    close: async () => {
      await dropRedisPrefix(redis);
      await redis.quit();
    },
  };
});

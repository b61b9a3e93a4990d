import { connectRedis } from '@cashout/platform/redis';
import { dropRedisPrefix, realServers, uniqueRedisService } from '@cashout/testkit';
import { RedisBudgetsRepository } from '../src/infrastructure/redis-budgets.repository';
import { describeBudgetsRepositoryContract } from './budgets.repository.contract';

describeBudgetsRepositoryContract('redis', async () => {
  // Every test gets a key prefix of its own, dropped afterwards.
  const service = uniqueRedisService('risk-engine');
  const redis = await connectRedis(realServers().redisUrl, service);
  return {
    repository: new RedisBudgetsRepository(redis),
    close: async () => {
      await dropRedisPrefix(redis);
      await redis.quit();
    },
  };
});

import Redis from 'ioredis';

export const REDIS_CONNECTION = Symbol('REDIS_CONNECTION');

/** A Redis client whose keys are prefixed by the owning service: no shared keys. */
export async function connectRedis(url: string, service: string): Promise<Redis> {
  const client = new Redis(url, {
    lazyConnect: true,
    keyPrefix: `cashout:${service}:`,
    maxRetriesPerRequest: 3,
    enableOfflineQueue: true,
    connectionName: `cashout-${service}`,
  });
  await client.connect();
  return client;
}

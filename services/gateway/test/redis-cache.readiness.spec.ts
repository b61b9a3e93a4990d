import { RedisCacheReadiness } from '../src/infrastructure/redis-cache.readiness';

describe('RedisCacheReadiness', () => {
  it('is ready when the cache answers PONG', async () => {
    await expect(new RedisCacheReadiness({ ping: () => Promise.resolve('PONG') }).answers()).resolves.toBe(true);
  });

  it('is not ready, without rejecting, when the cache refuses', async () => {
    await expect(new RedisCacheReadiness({ ping: () => Promise.reject(new Error('ECONNREFUSED')) }).answers()).resolves.toBe(false);
  });

  it('is not ready when the cache hangs past the timeout', async () => {
    const hangs = { ping: () => new Promise<'PONG'>(() => undefined) };
    await expect(new RedisCacheReadiness(hangs, 20).answers()).resolves.toBe(false);
  });
});

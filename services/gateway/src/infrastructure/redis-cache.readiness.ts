import { CacheReadiness } from '../cache-readiness.port';

/** The one command the probe sends to an ioredis client: narrow, so a test stands in for Redis without a server. */
interface Pingable {
  ping(): Promise<string>;
}

/** The cache's readiness as a PING within a second: a cache that hangs is as unready as one that refuses. */
export class RedisCacheReadiness implements CacheReadiness {
  constructor(
    private readonly redis: Pingable,
    private readonly timeoutMs = 1_000,
  ) {}

  answers(): Promise<boolean> {
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), this.timeoutMs).unref());
    return Promise.race([
      this.redis.ping().then(
        (answer) => answer === 'PONG',
        () => false,
      ),
      timeout,
    ]);
  }
}

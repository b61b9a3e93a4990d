import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS_CONNECTION } from './redis-connection';

/**
 * The module opened the connection, so the module closes it. QUIT lets pending replies
 * arrive; its answer comes before the socket closes, so shutdown also waits for 'end'.
 */
@Injectable()
export class RedisConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CONNECTION) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status === 'end') return;
    const ended = new Promise<void>((resolve) => this.redis.once('end', () => resolve()));
    await this.redis.quit();
    await ended;
  }
}

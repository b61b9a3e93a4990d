import { Controller, Get, Header, Inject, Optional, Res } from '@nestjs/common';
import type { Response } from 'express';
import type Redis from 'ioredis';
import { MESSAGE_BUS, MessageBus, REDIS_CONNECTION } from '@cashout/platform';
import { Public } from '../http/access.decorators';
import { MetricsRegistry } from './metrics.registry';

@Controller()
@Public()
export class OperationsController {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly metrics: MetricsRegistry,
    @Optional() @Inject(REDIS_CONNECTION) private readonly redis?: Redis,
  ) {}

  /** Liveness: the process answers. */
  @Get('health')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Readiness: the gateway holds no business state; it is ready when the broker answers and,
   * where idempotency keys and rate limits live in Redis, the cache answers too.
   */
  @Get('ready')
  async ready(
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ status: 'ready' | 'unavailable'; checks: { broker: boolean; cache?: boolean } }> {
    const [broker, cache] = await Promise.all([
      this.bus.isHealthy().catch(() => false),
      this.redis ? this.cacheAnswers(this.redis) : Promise.resolve(undefined),
    ]);
    const ready = broker && cache !== false;
    response.status(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'unavailable', checks: cache === undefined ? { broker } : { broker, cache } };
  }

  /** A PING within a second; a cache that hangs is as unready as one that refuses. */
  private cacheAnswers(redis: Redis): Promise<boolean> {
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1_000).unref());
    return Promise.race([redis.ping().then((answer) => answer === 'PONG', () => false), timeout]);
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  metricsText(): Promise<string> {
    return this.metrics.render();
  }
}

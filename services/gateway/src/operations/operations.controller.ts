import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Inject, Optional, Req, Res } from '@nestjs/common';
import { MESSAGE_BUS, MessageBus, isDevelopmentEnv } from '@cashout/platform';
import { ApiError } from '../http/api-error';
import { Public } from '../http/access.decorators';
import { GatewayRequest, GatewayResponse } from '../http/request-context';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';
import { CACHE_READINESS, CacheReadiness } from '../cache-readiness.port';
import { MetricsRegistry } from './metrics.registry';

/** Whether `presented` is exactly `expected`, in time that does not depend on where they differ. */
function sameSecret(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

@Controller()
@Public()
export class OperationsController {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly metrics: MetricsRegistry,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Optional() @Inject(CACHE_READINESS) private readonly cache?: CacheReadiness,
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
    @Res({ passthrough: true }) response: GatewayResponse,
  ): Promise<{ status: 'ready' | 'unavailable'; checks: { broker: boolean; cache?: boolean } }> {
    const [broker, cache] = await Promise.all([this.bus.isHealthy().catch(() => false), this.cache ? this.cache.answers() : Promise.resolve(undefined)]);
    const ready = broker && cache !== false;
    response.status(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'unavailable', checks: cache === undefined ? { broker } : { broker, cache } };
  }

  /**
   * Prometheus metrics. With METRICS_TOKEN set, only a scraper presenting it as a bearer token
   * reads them; without one they are public in development and test and not served anywhere
   * else (they tell an attacker how the login budgets stand).
   */
  @Get('metrics')
  metricsText(@Req() request: GatewayRequest, @Res({ passthrough: true }) response: GatewayResponse): Promise<string> {
    const token = this.config.metricsToken;
    if (token === undefined && !isDevelopmentEnv(this.config.appEnv)) throw new ApiError('NOT_FOUND', 'no such route');
    if (token !== undefined) {
      const presented = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      if (presented === undefined || !sameSecret(presented, token)) throw new ApiError('UNAUTHENTICATED', 'the metrics token is required');
    }
    response.setHeader('Content-Type', 'text/plain; version=0.0.4; charset=utf-8');
    return this.metrics.render();
  }
}

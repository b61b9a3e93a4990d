import { DynamicModule, Module, Provider, Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type Redis from 'ioredis';
import { CLOCK, Clock, JwtCodec, PlatformModule, ServiceModuleOptions, isDevelopmentEnv } from '@cashout/platform';
import { REDIS_CONNECTION, RedisConnectionCloser, connectRedis } from '@cashout/platform/redis';
import { CmmsController } from './cmms/cmms.controller';
import { ConfirmIntentController } from './confirm-intent/confirm-intent.controller';
import { CreateIntentController } from './create-intent/create-intent.controller';
import { DocsController } from './docs/docs.controller';
import { GATEWAY_CONTROLLERS } from './docs/route-access';
import { GATEWAY_CONFIG, GatewayConfig } from './gateway.config';
import { AuthGuard } from './http/auth.guard';
import { GatewayErrorFilter } from './http/error.filter';
import { IDEMPOTENCY_STORE } from './idempotency-store.port';
import { IdempotencyService } from './idempotency/idempotency.service';
import { InMemoryIdempotencyStore } from './infrastructure/in-memory-idempotency.store';
import { InMemoryRateLimiter } from './infrastructure/in-memory-rate-limiter';
import { RedisCacheReadiness } from './infrastructure/redis-cache.readiness';
import { RedisIdempotencyStore } from './infrastructure/redis-idempotency.store';
import { RedisRateLimiter } from './infrastructure/redis-rate-limiter';
import { IntentStepsController } from './intent-steps/intent-steps.controller';
import { IntentStreamController } from './intent-stream/intent-stream.controller';
import { IntentStreams } from './intent-stream/intent-streams';
import { LoginController } from './login/login.controller';
import { Requester } from './messaging/requester';
import { RevokedTokens } from './messaging/revoked-tokens';
import { CACHE_READINESS } from './cache-readiness.port';
import { MetricsRegistry } from './operations/metrics.registry';
import { DeadLettersController } from './operations/dead-letters.controller';
import { OperationsController } from './operations/operations.controller';
import { IssueQrTokenController } from './qr-token/issue-qr-token.controller';
import { QueryIntentsController } from './query-intents/query-intents.controller';
import { RATE_LIMITER } from './rate-limiter.port';
import { ReconciliationController } from './reconciliation/reconciliation.controller';
import { AgentReportController } from './reports/agent-report.controller';
import { SandboxController } from './sandbox/sandbox.controller';
import { UnlockUserController } from './users/unlock-user.controller';
import { WalletsController } from './wallets/wallets.controller';

/** The Redis key prefix of the gateway: cashout:gateway: */
export const GATEWAY_SERVICE = 'gateway';

/**
 * REDIS_URL set → idempotency records and rate-limit buckets in Redis, shared by every
 * gateway instance; else in process memory (one instance, the embedded default).
 */
function stateProviders(redisUrl: string | undefined): Provider[] {
  if (!redisUrl) {
    return [
      { provide: IDEMPOTENCY_STORE, useFactory: (clock: Clock) => new InMemoryIdempotencyStore(clock), inject: [CLOCK] },
      { provide: RATE_LIMITER, useFactory: (clock: Clock) => new InMemoryRateLimiter(clock), inject: [CLOCK] },
    ];
  }
  return [
    { provide: REDIS_CONNECTION, useFactory: () => connectRedis(redisUrl, GATEWAY_SERVICE) },
    {
      provide: IDEMPOTENCY_STORE,
      useFactory: (redis: Redis, clock: Clock) => new RedisIdempotencyStore(redis, clock),
      inject: [REDIS_CONNECTION, CLOCK],
    },
    {
      provide: RATE_LIMITER,
      useFactory: (redis: Redis, clock: Clock) => new RedisRateLimiter(redis, clock),
      inject: [REDIS_CONNECTION, CLOCK],
    },
    // /ready waits for the cache only where the state lives in it.
    { provide: CACHE_READINESS, useFactory: (redis: Redis) => new RedisCacheReadiness(redis), inject: [REDIS_CONNECTION] },
    RedisConnectionCloser,
  ];
}

/** The gateway's controllers; the sandbox's only outside production. The OpenAPI document reads their routes' access. */
export function gatewayControllers(includeSandbox: boolean): Type[] {
  const controllers: Type[] = [
    LoginController,
    IssueQrTokenController,
    CreateIntentController,
    // Confirm is declared before the generic step routes only for readability: paths differ.
    ConfirmIntentController,
    IntentStepsController,
    QueryIntentsController,
    IntentStreamController,
    WalletsController,
    ReconciliationController,
    AgentReportController,
    UnlockUserController,
    OperationsController,
    DeadLettersController,
    DocsController,
    CmmsController,
  ];
  // The sandbox log carries OTPs: in production the route does not exist at all (404).
  if (includeSandbox) controllers.push(SandboxController);
  return controllers;
}

/**
 * The HTTP gateway: stateless apart from short-lived idempotency records and rate-limit
 * buckets, both behind ports. It turns requests into messages and replies into responses.
 */
@Module({})
export class GatewayModule {
  static register(options: ServiceModuleOptions<GatewayConfig>): DynamicModule {
    const controllers = gatewayControllers(isDevelopmentEnv(options.config.appEnv));

    return {
      module: GatewayModule,
      imports: [PlatformModule.forRoot(options.platform), CqrsModule.forRoot()],
      controllers,
      providers: [
        { provide: GATEWAY_CONFIG, useValue: options.config },
        { provide: GATEWAY_CONTROLLERS, useValue: controllers },
        { provide: JwtCodec, useValue: new JwtCodec(options.config.jwt) },
        ...stateProviders(options.infrastructure?.redisUrl),
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: GatewayErrorFilter },
        Requester,
        RevokedTokens,
        IntentStreams,
        IdempotencyService,
        MetricsRegistry,
      ],
      exports: [Requester, MetricsRegistry],
    };
  }
}

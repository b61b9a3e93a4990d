import { DynamicModule, Module, Provider } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type Redis from 'ioredis';
import { CLOCK, Clock, PlatformModule, ServiceModuleOptions } from '@cashout/platform';
import { REDIS_CONNECTION, RedisConnectionCloser, connectRedis } from '@cashout/platform/redis';
import { CommitReservationHandler } from './commit-reservation/commit-reservation.handler';
import { EvaluateCashOutHandler } from './evaluate-cash-out/evaluate-cash-out.handler';
import { AdmitOtpSendHandler } from './admit-otp-send/admit-otp-send.handler';
import { BUDGETS_REPOSITORY } from './budgets.repository.port';
import { InMemoryBudgetsRepository } from './infrastructure/in-memory-budgets.repository';
import { RedisBudgetsRepository } from './infrastructure/redis-budgets.repository';
import { InMemoryRiskCountersRepository } from './infrastructure/in-memory-risk-counters.repository';
import { RedisRiskCountersRepository } from './infrastructure/redis-risk-counters.repository';
import { ReleaseReservationHandler } from './release-reservation/release-reservation.handler';
import { ReserveCashOutHandler } from './reserve-cash-out/reserve-cash-out.handler';
import { RISK_CONFIG, RiskConfig } from './risk.config';
import { RISK_COUNTERS_REPOSITORY } from './risk-counters.repository.port';
import { RISK_ENGINE_SERVICE, RiskEngineMessagesConsumer } from './risk-engine.messages-consumer';

/** REDIS_URL set → counters in Redis (shared by every instance), else in process memory. */
function countersProviders(redisUrl: string | undefined): Provider[] {
  if (!redisUrl) {
    return [
      { provide: RISK_COUNTERS_REPOSITORY, useClass: InMemoryRiskCountersRepository },
      { provide: BUDGETS_REPOSITORY, useClass: InMemoryBudgetsRepository },
    ];
  }
  return [
    { provide: REDIS_CONNECTION, useFactory: () => connectRedis(redisUrl, RISK_ENGINE_SERVICE) },
    {
      provide: RISK_COUNTERS_REPOSITORY,
      useFactory: (redis: Redis, clock: Clock) => new RedisRiskCountersRepository(redis, clock),
      inject: [REDIS_CONNECTION, CLOCK],
    },
    { provide: BUDGETS_REPOSITORY, useFactory: (redis: Redis) => new RedisBudgetsRepository(redis), inject: [REDIS_CONNECTION] },
    RedisConnectionCloser,
  ];
}

/**
 * Limits, counters and reservations; answers the risk commands of the bus. The demo data
 * needs no risk state (counters start empty), so seedDemo changes nothing here.
 * Counters live in Redis when `infrastructure.redisUrl` is set (see infrastructure/README.md).
 */
@Module({})
export class RiskEngineModule {
  static register(options: ServiceModuleOptions<RiskConfig>): DynamicModule {
    return {
      module: RiskEngineModule,
      imports: [PlatformModule.forRoot(options.platform), CqrsModule.forRoot()],
      providers: [
        { provide: RISK_CONFIG, useValue: options.config },
        ...countersProviders(options.infrastructure?.redisUrl),
        EvaluateCashOutHandler,
        ReserveCashOutHandler,
        ReleaseReservationHandler,
        CommitReservationHandler,
        AdmitOtpSendHandler,
        RiskEngineMessagesConsumer,
      ],
    };
  }
}

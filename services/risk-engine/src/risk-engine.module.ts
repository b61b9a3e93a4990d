import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { PlatformModule, ServiceModuleOptions } from '@cashout/platform';
import { CommitReservationHandler } from './commit-reservation/commit-reservation.handler';
import { EvaluateCashOutHandler } from './evaluate-cash-out/evaluate-cash-out.handler';
import { InMemoryRiskCountersRepository } from './infrastructure/in-memory-risk-counters.repository';
import { ReleaseReservationHandler } from './release-reservation/release-reservation.handler';
import { ReserveCashOutHandler } from './reserve-cash-out/reserve-cash-out.handler';
import { RISK_CONFIG, RiskConfig } from './risk.config';
import { RISK_COUNTERS_REPOSITORY } from './risk-counters.repository.port';
import { RiskEngineMessagesConsumer } from './risk-engine.messages-consumer';

/**
 * Limits, counters and reservations; answers the risk commands of the bus. The demo data
 * needs no risk state (counters start empty), so seedDemo changes nothing here.
 */
@Module({})
export class RiskEngineModule {
  static register(options: ServiceModuleOptions<RiskConfig>): DynamicModule {
    return {
      module: RiskEngineModule,
      imports: [PlatformModule.forRoot(options.platform), CqrsModule.forRoot()],
      providers: [
        { provide: RISK_CONFIG, useValue: options.config },
        { provide: RISK_COUNTERS_REPOSITORY, useClass: InMemoryRiskCountersRepository },
        EvaluateCashOutHandler,
        ReserveCashOutHandler,
        ReleaseReservationHandler,
        CommitReservationHandler,
        RiskEngineMessagesConsumer,
      ],
    };
  }
}

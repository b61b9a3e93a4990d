import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BUDGETS_REPOSITORY, BudgetsRepository } from '../budgets.repository.port';
import { openIntentKeys } from '../domain/abuse-budgets';
import { RISK_COUNTERS_REPOSITORY, RiskCountersRepository } from '../risk-counters.repository.port';
import { ReleaseReservationCommand } from './release-reservation.command';

/** Idempotent: releasing twice, or an unknown intent, changes nothing. */
@CommandHandler(ReleaseReservationCommand)
export class ReleaseReservationHandler implements ICommandHandler<ReleaseReservationCommand> {
  private readonly logger = new Logger(ReleaseReservationHandler.name);

  constructor(
    @Inject(RISK_COUNTERS_REPOSITORY) private readonly counters: RiskCountersRepository,
    @Inject(BUDGETS_REPOSITORY) private readonly budgets: BudgetsRepository,
  ) {}

  async execute({ message }: ReleaseReservationCommand): Promise<void> {
    const { intentId, agentUserId, clientUserId } = message.payload;
    // The intent ended: it no longer counts among its parties' open intents.
    if (agentUserId && clientUserId) await this.budgets.remove(intentId, openIntentKeys({ agentUserId, clientUserId }));
    const outcome = await this.counters.release(intentId);
    // Compensation after success would be a ledger reversal, not a risk release.
    if (outcome === 'committed') this.logger.warn(`release of committed reservation ${intentId} ignored`);
    else this.logger.debug(`release of ${intentId}: ${outcome}`);
  }
}

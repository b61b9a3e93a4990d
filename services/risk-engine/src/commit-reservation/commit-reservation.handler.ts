import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BUDGETS_REPOSITORY, BudgetsRepository } from '../budgets.repository.port';
import { openIntentKeys } from '../domain/abuse-budgets';
import { RISK_COUNTERS_REPOSITORY, RiskCountersRepository } from '../risk-counters.repository.port';
import { CommitReservationCommand } from './commit-reservation.command';

/** Idempotent: committing twice changes nothing; an unknown intent is logged and skipped. */
@CommandHandler(CommitReservationCommand)
export class CommitReservationHandler implements ICommandHandler<CommitReservationCommand> {
  private readonly logger = new Logger(CommitReservationHandler.name);

  constructor(
    @Inject(RISK_COUNTERS_REPOSITORY) private readonly counters: RiskCountersRepository,
    @Inject(BUDGETS_REPOSITORY) private readonly budgets: BudgetsRepository,
  ) {}

  async execute({ message }: CommitReservationCommand): Promise<void> {
    const { intentId, agentUserId, clientUserId } = message.payload;
    // The intent ended: it no longer counts among its parties' open intents.
    if (agentUserId && clientUserId) await this.budgets.remove(intentId, openIntentKeys({ agentUserId, clientUserId }));
    const outcome = await this.counters.commit(intentId);
    if (outcome === 'not-found') this.logger.warn(`commit of unknown reservation ${intentId} ignored`);
    else this.logger.debug(`commit of ${intentId}: ${outcome}`);
  }
}

import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RISK_COUNTERS_REPOSITORY, RiskCountersRepository } from '../risk-counters.repository.port';
import { CommitReservationCommand } from './commit-reservation.command';

/** Idempotent: committing twice changes nothing; an unknown intent is logged and skipped. */
@CommandHandler(CommitReservationCommand)
export class CommitReservationHandler implements ICommandHandler<CommitReservationCommand> {
  private readonly logger = new Logger(CommitReservationHandler.name);

  constructor(@Inject(RISK_COUNTERS_REPOSITORY) private readonly counters: RiskCountersRepository) {}

  async execute({ message }: CommitReservationCommand): Promise<void> {
    const { intentId } = message.payload;
    const outcome = await this.counters.commit(intentId);
    if (outcome === 'not-found') this.logger.warn(`commit of unknown reservation ${intentId} ignored`);
    else this.logger.debug(`commit of ${intentId}: ${outcome}`);
  }
}

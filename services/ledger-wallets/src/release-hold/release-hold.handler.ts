import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { LEDGER_REPOSITORY, LedgerRepository } from '../ledger.repository.port';
import { ReleaseHoldCommand } from './release-hold.command';

/** Gives a hold back (compensation, or a confirmation refused by the risk engine). */
@CommandHandler(ReleaseHoldCommand)
export class ReleaseHoldHandler implements ICommandHandler<ReleaseHoldCommand> {
  constructor(@Inject(LEDGER_REPOSITORY) private readonly ledger: LedgerRepository) {}

  async execute({ message }: ReleaseHoldCommand): Promise<void> {
    await this.ledger.releaseHold(message.payload.walletId, message.payload.holdId);
  }
}

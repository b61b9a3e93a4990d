import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PayloadOf } from '@cashout/shared-contracts';
import { CLOCK, Clock, MESSAGE_BUS, MessageBus, MessageFactory } from '@cashout/platform';
import { HoldOutcome, LEDGER_REPOSITORY, LedgerRepository } from '../ledger.repository.port';
import { PlaceHoldCommand } from './place-hold.command';

const HOLD_OUTCOME: Record<HoldOutcome['kind'], PayloadOf<'HoldPlaced'>['outcome']> = {
  placed: 'PLACED',
  exists: 'PLACED',
  released: 'RELEASED',
  insufficient: 'INSUFFICIENT_FUNDS',
  'no-wallet': 'NO_WALLET',
};

/**
 * Sets the confirmation's funds aside. The answer is derived from the wallet's recorded
 * lines, so a redelivered command answers the same again and places nothing twice.
 */
@CommandHandler(PlaceHoldCommand)
export class PlaceHoldHandler implements ICommandHandler<PlaceHoldCommand> {
  constructor(
    @Inject(LEDGER_REPOSITORY) private readonly ledger: LedgerRepository,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly messages: MessageFactory,
  ) {}

  async execute({ message }: PlaceHoldCommand): Promise<void> {
    const { intentId, stepId, walletId, holdId, amount } = message.payload;
    const outcome = await this.ledger.placeHold(walletId, holdId, amount, intentId, this.clock.now());
    const payload: PayloadOf<'HoldPlaced'> = { intentId, stepId, holdId, outcome: HOLD_OUTCOME[outcome.kind] };
    if (outcome.kind === 'insufficient') payload.available = outcome.available;
    await this.bus.publish([this.messages.reply(message, 'HoldPlaced', payload, intentId)]);
  }
}

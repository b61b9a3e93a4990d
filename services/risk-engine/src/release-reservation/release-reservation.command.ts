import { Command } from '@nestjs/cqrs';
import { Message } from '@cashout/shared-contracts';

/** Undo an intent's active reservation (failure, expiry). */
export class ReleaseReservationCommand extends Command<void> {
  constructor(readonly message: Message<'ReleaseReservation'>) {
    super();
  }
}

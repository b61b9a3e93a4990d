import { Command } from '@nestjs/cqrs';
import { Message } from '@cashout/shared-contracts';

/** Make an intent's reservation final (success). */
export class CommitReservationCommand extends Command<void> {
  constructor(readonly message: Message<'CommitReservation'>) {
    super();
  }
}

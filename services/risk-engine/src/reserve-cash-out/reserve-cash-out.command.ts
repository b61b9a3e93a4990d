import { Command } from '@nestjs/cqrs';
import { Message } from '@cashout/shared-contracts';

/** Re-check a cash-out at confirm and reserve its amount, once per intent. */
export class ReserveCashOutCommand extends Command<void> {
  constructor(readonly message: Message<'ReserveCashOut'>) {
    super();
  }
}

import { Command } from '@nestjs/cqrs';
import { Message } from '@cashout/shared-contracts';

/** Check a cash-out against the limits at creation; reserves nothing. */
export class EvaluateCashOutCommand extends Command<void> {
  constructor(readonly message: Message<'EvaluateCashOut'>) {
    super();
  }
}

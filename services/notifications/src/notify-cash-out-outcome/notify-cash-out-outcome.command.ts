import { Command } from '@nestjs/cqrs';
import { Message } from '@cashout/shared-contracts';

export class NotifyCashOutOutcomeCommand extends Command<void> {
  constructor(readonly message: Message<'NotifyCashOutOutcome'>) {
    super();
  }
}

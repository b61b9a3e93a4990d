import { Command } from '@nestjs/cqrs';
import { Message } from '@cashout/shared-contracts';

/** Carries the whole message: the outcome is a reply to it (same correlation, causation = its id). */
export class UnlockUserCommand extends Command<void> {
  constructor(readonly message: Message<'UnlockUser'>) {
    super();
  }
}

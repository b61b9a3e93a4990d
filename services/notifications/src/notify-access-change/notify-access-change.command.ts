import { Command } from '@nestjs/cqrs';
import { Message } from '@cashout/shared-contracts';

export class NotifyAccessChangeCommand extends Command<void> {
  constructor(readonly message: Message<'UserAccessChanged'>) {
    super();
  }
}

import { Command } from '@nestjs/cqrs';
import { Message } from '@cashout/shared-contracts';

export class ListSandboxNotificationsCommand extends Command<void> {
  constructor(readonly message: Message<'ListSandboxNotifications'>) {
    super();
  }
}

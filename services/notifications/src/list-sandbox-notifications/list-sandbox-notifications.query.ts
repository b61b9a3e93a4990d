import { Query } from '@nestjs/cqrs';
import { Message } from '@cashout/shared-contracts';

export class ListSandboxNotificationsQuery extends Query<void> {
  constructor(readonly message: Message<'ListSandboxNotifications'>) {
    super();
  }
}

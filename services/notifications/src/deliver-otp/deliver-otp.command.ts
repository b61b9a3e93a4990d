import { Command } from '@nestjs/cqrs';
import { Message } from '@cashout/shared-contracts';

export class DeliverOtpCommand extends Command<void> {
  constructor(readonly message: Message<'DeliverOtp'>) {
    super();
  }
}

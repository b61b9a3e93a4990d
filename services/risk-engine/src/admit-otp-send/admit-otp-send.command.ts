import { Command } from '@nestjs/cqrs';
import { Message } from '@cashout/shared-contracts';

/** Count an OTP send in the agent's and the client's budgets, then pass it on to auth or refuse it. */
export class AdmitOtpSendCommand extends Command<void> {
  constructor(readonly message: Message<'AdmitOtpSend'>) {
    super();
  }
}

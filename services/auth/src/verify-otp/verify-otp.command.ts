import { Command } from '@nestjs/cqrs';
import { Message } from '@cashout/shared-contracts';

/** Carries the whole message: outcomes are replies to it (same correlation, causation = its id). */
export class VerifyOtpCommand extends Command<void> {
  constructor(readonly message: Message<'VerifyOtp'>) {
    super();
  }
}

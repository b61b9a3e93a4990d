import { Command } from '@nestjs/cqrs';
import { Message } from '@cashout/shared-contracts';

/** Issue a single-use QR token to the calling client (`POST /customers/me/qr-token`). */
export class IssueQrTokenCommand extends Command<void> {
  constructor(readonly message: Message<'IssueQrToken'>) {
    super();
  }
}

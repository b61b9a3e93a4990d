import { Message } from '@cashout/shared-contracts';

export class PostCashOutCommand {
  constructor(readonly message: Message<'PostCashOut'>) {}
}

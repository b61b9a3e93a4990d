import { Message } from '@cashout/shared-contracts';

export class CreateIntentCommand {
  constructor(readonly message: Message<'CreateCashOutIntent'>) {}
}

import { Query } from '@nestjs/cqrs';
import { Message } from '@cashout/shared-contracts';

export class ReadLedgerQuery extends Query<void> {
  constructor(readonly message: Message<'GetIntent' | 'ListIntents' | 'GetWallets' | 'GetReconciliation'>) {
    super();
  }
}

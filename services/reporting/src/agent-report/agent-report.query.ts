import { Query } from '@nestjs/cqrs';
import { Message } from '@cashout/shared-contracts';

export class GetAgentReportQuery extends Query<void> {
  constructor(readonly message: Message<'GetAgentDailyReport'>) {
    super();
  }
}

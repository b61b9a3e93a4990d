import { Controller, Get } from '@nestjs/common';
import { ReconciliationView } from '@cashout/shared-contracts';
import { CurrentCaller, Roles } from '../http/access.decorators';
import { Caller } from '../http/request-context';
import { Requester, expectReply } from '../messaging/requester';

@Controller('ledger')
export class ReconciliationController {
  constructor(private readonly requester: Requester) {}

  @Get('reconciliation')
  @Roles('ADMIN')
  async reconcile(@CurrentCaller() caller: Caller): Promise<ReconciliationView> {
    const reply = await this.requester.request('GetReconciliation', {}, { aggregateId: 'ledger-reconciliation', correlationId: caller.correlationId });
    return expectReply(reply, 'reconciliation').report;
  }
}

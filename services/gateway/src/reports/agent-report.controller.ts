import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { CLOCK, Clock } from '@cashout/platform';
import { AgentDailyReport, PhoneSchema } from '@cashout/shared-contracts';
import { CurrentCaller, Roles } from '../http/access.decorators';
import { Caller } from '../http/request-context';
import { validate } from '../http/validation';
import { Requester, expectReply } from '../messaging/requester';
import { AgentReportQuerySchema, ReportRangeSchema } from './agent-report.request';

/**
 * An agent's figures per day, from the reporting read model. Staff read any agent's, an
 * agent its own: another agent's phone answers 404 exactly as an unknown one (the reporting
 * service decides, as the ledger does for intents).
 */
@Controller('reports')
export class AgentReportController {
  constructor(
    private readonly requester: Requester,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('agents/:phone/daily')
  @Roles('ADMIN', 'OPERATOR', 'AGENT')
  async daily(@CurrentCaller() caller: Caller, @Param('phone') phone: string, @Query() query: unknown): Promise<AgentDailyReport> {
    const agentPhone = validate(PhoneSchema, phone, 'phone');
    const input = validate(AgentReportQuerySchema, query, 'query');
    const to = input.to ?? this.clock.now().toISOString().slice(0, 10);
    const range = validate(ReportRangeSchema, { from: input.from ?? to, to }, 'query');
    const reply = await this.requester.request(
      'GetAgentDailyReport',
      { actor: caller.actor, agentPhone, from: range.from, to: range.to },
      { aggregateId: agentPhone, correlationId: caller.correlationId },
    );
    return expectReply(reply, 'agent-daily-report').report;
  }
}

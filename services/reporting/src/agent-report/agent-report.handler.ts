import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { MessageFactory, MESSAGE_BUS, MessageBus } from '@cashout/platform';
import { ReplyBody } from '@cashout/shared-contracts';
import { buildAgentReport } from '../domain/agent-report';
import { checkReportRequest } from '../domain/report-access';
import { READ_MODEL_REPOSITORY, ReadModelRepository } from '../read-model.repository.port';
import { GetAgentReportQuery } from './agent-report.query';

/** Answers the gateway's report queries from the read model. */
@QueryHandler(GetAgentReportQuery)
export class GetAgentReportHandler implements IQueryHandler<GetAgentReportQuery> {
  constructor(
    @Inject(READ_MODEL_REPOSITORY) private readonly readModel: ReadModelRepository,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly messages: MessageFactory,
  ) {}

  async execute({ message }: GetAgentReportQuery): Promise<void> {
    const { actor, agentPhone, from, to } = message.payload;
    const refusal = checkReportRequest(actor, { agentPhone, from, to }, await this.readModel.agentUserIdOf(agentPhone));
    const body: ReplyBody = refusal
      ? { kind: 'error', error: refusal }
      : { kind: 'agent-daily-report', report: buildAgentReport(agentPhone, from, to, await this.readModel.factsOfAgent(agentPhone, from, to)) };
    await this.bus.publish([this.messages.reply(message, 'GatewayReply', body, message.correlationId)]);
  }
}

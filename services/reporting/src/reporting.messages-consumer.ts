import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { MESSAGE_BUS, MessageBus, consumeMessages } from '@cashout/platform';
import { TOPICS } from '@cashout/shared-contracts';
import { GetAgentReportQuery } from './agent-report/agent-report.query';
import { ApplyIntentEventCommand } from './apply-intent-event/apply-intent-event.command';

export const REPORTING_SERVICE = 'reporting';

/**
 * The reporting group reads the public history of intents and the report queries. Applying
 * an event needs where it was read (partition and offset), which the read model stores
 * with it: the delivery context gives it.
 */
@Injectable()
export class ReportingMessagesConsumer implements OnApplicationBootstrap {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await consumeMessages(this.bus, {
      group: REPORTING_SERVICE,
      topics: [TOPICS.intentEvents, TOPICS.reportingQueries],
      handlers: {
        IntentStateChanged: async (message, delivery) => {
          if (delivery.topic !== TOPICS.intentEvents) return;
          await this.commands.execute(new ApplyIntentEventCommand(message, { partition: delivery.partition, offset: delivery.offset }));
        },
        GetAgentDailyReport: (message) => this.queries.execute(new GetAgentReportQuery(message)),
      },
    });
  }
}

import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DeliveryContext, MESSAGE_BUS, MessageBus, PoisonMessageError } from '@cashout/platform';
import { TOPICS, parseMessage } from '@cashout/shared-contracts';
import { ApplyIntentEventCommand } from './apply-intent-event/apply-intent-event.handler';
import { GetAgentReportCommand } from './agent-report/agent-report.handler';

export const REPORTING_SERVICE = 'reporting';

const HANDLED = new Set(['IntentStateChanged', 'GetAgentDailyReport']);

const typeOf = (value: unknown): unknown => (typeof value === 'object' && value !== null && 'type' in value ? value.type : undefined);

/**
 * The reporting group reads the public history of intents and the report queries. It
 * subscribes to the bus directly rather than through consumeMessages: applying an event
 * needs where it was read (partition and offset), which the read model stores with it.
 */
@Injectable()
export class ReportingMessagesConsumer implements OnApplicationBootstrap {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly commands: CommandBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.subscribe({
      group: REPORTING_SERVICE,
      topics: [TOPICS.intentEvents, TOPICS.reportingQueries],
      handler: (value, context) => this.handle(value, context),
    });
  }

  /** Other message types are skipped unparsed; an invalid one is dead-lettered with the reason. */
  private async handle(value: unknown, context: DeliveryContext): Promise<void> {
    const type = typeOf(value);
    if (typeof type === 'string' && !HANDLED.has(type)) return;
    const parsed = parseMessage(value);
    if (!parsed.ok) throw new PoisonMessageError(parsed.reason);
    const { message } = parsed;
    if (message.type === 'IntentStateChanged' && context.topic === TOPICS.intentEvents) {
      await this.commands.execute(new ApplyIntentEventCommand(message, { partition: context.partition, offset: context.offset }));
    } else if (message.type === 'GetAgentDailyReport') {
      await this.commands.execute(new GetAgentReportCommand(message));
    }
  }
}

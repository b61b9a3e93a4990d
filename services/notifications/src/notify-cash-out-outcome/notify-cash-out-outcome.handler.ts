import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { NotificationKind } from '@cashout/shared-contracts';
import { CLOCK, Clock } from '@cashout/platform';
import { cashOutOutcomeText } from '../domain/message-text';
import { NotificationDispatcher } from '../dispatch/notification-dispatcher';
import { NOTIFICATION_RECORD_REPOSITORY, NotificationRecordRepository, dispatchIdForIntent } from '../notification-record.repository.port';
import { NotifyCashOutOutcomeCommand } from './notify-cash-out-outcome.command';

@CommandHandler(NotifyCashOutOutcomeCommand)
export class NotifyCashOutOutcomeHandler implements ICommandHandler<NotifyCashOutOutcomeCommand> {
  constructor(
    @Inject(NOTIFICATION_RECORD_REPOSITORY) private readonly records: NotificationRecordRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly dispatcher: NotificationDispatcher,
  ) {}

  async execute({ message }: NotifyCashOutOutcomeCommand): Promise<void> {
    const { intentId, outcome, customerPhone, preferredChannel } = message.payload;
    const kind: NotificationKind = outcome === 'SUCCEEDED' ? 'CASH_OUT_SUCCEEDED' : 'CASH_OUT_FAILED';
    // The client hears of each outcome of an intent once, however often the saga asks.
    if (await this.records.findByIntentAndKind(intentId, kind)) return;

    const text = cashOutOutcomeText(message.payload);
    const result = await this.dispatcher.dispatch({
      intentId,
      customerPhone,
      preferredChannel,
      kind,
      subject: outcome === 'SUCCEEDED' ? 'Cash-out completed' : 'Cash-out failed',
      text,
      recorded: { body: text },
    });
    // A lost race means another delivery recorded the same outcome: nothing more to do.
    await this.records.append({
      id: dispatchIdForIntent(intentId, kind),
      version: 1,
      intentId,
      kind,
      records: result.records,
      outbox: [],
      createdAt: this.clock.now().toISOString(),
    });
  }
}

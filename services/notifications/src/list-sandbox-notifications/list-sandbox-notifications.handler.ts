import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MESSAGE_BUS, MessageBus, MessageFactory } from '@cashout/platform';
import {
  NOTIFICATION_RECORD_REPOSITORY,
  NotificationRecordRepository,
} from '../notification-record.repository.port';
import { ListSandboxNotificationsCommand } from './list-sandbox-notifications.command';

/** Answers the gateway from the sandbox log; a read, so it publishes directly. */
@CommandHandler(ListSandboxNotificationsCommand)
export class ListSandboxNotificationsHandler implements ICommandHandler<ListSandboxNotificationsCommand> {
  constructor(
    @Inject(NOTIFICATION_RECORD_REPOSITORY) private readonly records: NotificationRecordRepository,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly messages: MessageFactory,
  ) {}

  async execute({ message }: ListSandboxNotificationsCommand): Promise<void> {
    const { phone, intentId, limit } = message.payload;
    const records = await this.records.list({ phone, intentId, limit });
    await this.bus.publish([this.messages.reply(message, 'GatewayReply', { kind: 'notifications', records })]);
  }
}

import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { MESSAGE_BUS, MessageBus, MessageFactory } from '@cashout/platform';
import { NOTIFICATION_RECORD_REPOSITORY, NotificationRecordRepository } from '../notification-record.repository.port';
import { ListSandboxNotificationsQuery } from './list-sandbox-notifications.query';

/** Answers the gateway from the sandbox log; a read, so it publishes directly. */
@QueryHandler(ListSandboxNotificationsQuery)
export class ListSandboxNotificationsHandler implements IQueryHandler<ListSandboxNotificationsQuery> {
  constructor(
    @Inject(NOTIFICATION_RECORD_REPOSITORY) private readonly records: NotificationRecordRepository,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly messages: MessageFactory,
  ) {}

  async execute({ message }: ListSandboxNotificationsQuery): Promise<void> {
    const { phone, intentId, limit } = message.payload;
    const records = await this.records.list({ phone, intentId, limit });
    await this.bus.publish([this.messages.reply(message, 'GatewayReply', { kind: 'notifications', records })]);
  }
}

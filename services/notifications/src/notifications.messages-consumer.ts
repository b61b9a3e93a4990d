import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { TOPICS } from '@cashout/shared-contracts';
import { MESSAGE_BUS, MessageBus, SERVICE_NAME, consumeMessages } from '@cashout/platform';
import { DeliverOtpCommand } from './deliver-otp/deliver-otp.command';
import { ListSandboxNotificationsQuery } from './list-sandbox-notifications/list-sandbox-notifications.query';
import { NotifyAccessChangeCommand } from './notify-access-change/notify-access-change.command';
import { NotifyCashOutOutcomeCommand } from './notify-cash-out-outcome/notify-cash-out-outcome.command';

/**
 * Turns the notification commands on the bus into use cases, and the users' access changes
 * into notices. The access topic is read by a group of its own which, new, starts where the
 * bus starts new groups: at the earliest retained change (the default), so a change published
 * before the group first subscribed is still told; an isolated test stack sharing the topic
 * with other runs starts its groups at the end instead. Each change is told once: the
 * dispatch id is the idempotency key.
 */
@Injectable()
export class NotificationsMessagesConsumer implements OnApplicationBootstrap {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(SERVICE_NAME) private readonly serviceName: string,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await consumeMessages(this.bus, {
      group: this.serviceName,
      topics: [TOPICS.notificationCommands],
      handlers: {
        DeliverOtp: (message) => this.commands.execute(new DeliverOtpCommand(message)),
        NotifyCashOutOutcome: (message) => this.commands.execute(new NotifyCashOutOutcomeCommand(message)),
        ListSandboxNotifications: (message) => this.queries.execute(new ListSandboxNotificationsQuery(message)),
      },
    });
    await consumeMessages(this.bus, {
      group: `${this.serviceName}-access`,
      topics: [TOPICS.authAccess],
      handlers: {
        UserAccessChanged: (message) => this.commands.execute(new NotifyAccessChangeCommand(message)),
      },
    });
  }
}

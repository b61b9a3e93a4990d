import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { PlatformModule, ServiceModuleOptions } from '@cashout/platform';
import { DeliverOtpHandler } from './deliver-otp/deliver-otp.handler';
import { NotificationDispatcher } from './dispatch/notification-dispatcher';
import { InMemoryNotificationRecordRepository } from './infrastructure/in-memory-notification-record.repository';
import { InMemoryWhitelistRepository } from './infrastructure/in-memory-whitelist.repository';
import { createChannelProviders } from './infrastructure/providers/channel-providers.factory';
import { ListSandboxNotificationsHandler } from './list-sandbox-notifications/list-sandbox-notifications.handler';
import { MESSAGE_PROVIDERS } from './message-provider.port';
import { NOTIFICATION_RECORD_REPOSITORY } from './notification-record.repository.port';
import { NotificationsConfig } from './notifications.config';
import { NotificationsMessagesConsumer } from './notifications.messages-consumer';
import { NotificationsOutboxRelay } from './notifications-outbox.relay';
import { NOTIFICATIONS_CONFIG, SEED_DEMO } from './notifications.tokens';
import { NotifyCashOutOutcomeHandler } from './notify-cash-out-outcome/notify-cash-out-outcome.handler';
import { WHITELIST_REPOSITORY } from './whitelist.repository.port';
import { WhitelistLoader } from './whitelist.loader';

/** OTP routing, message providers and the sandbox log. */
@Module({})
export class NotificationsModule {
  static register(options: ServiceModuleOptions<NotificationsConfig>): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [PlatformModule.forRoot(options.platform), CqrsModule.forRoot()],
      providers: [
        { provide: NOTIFICATIONS_CONFIG, useValue: options.config },
        { provide: SEED_DEMO, useValue: options.seedDemo },
        { provide: NOTIFICATION_RECORD_REPOSITORY, useFactory: () => new InMemoryNotificationRecordRepository() },
        { provide: WHITELIST_REPOSITORY, useFactory: () => new InMemoryWhitelistRepository() },
        { provide: MESSAGE_PROVIDERS, useFactory: () => createChannelProviders(options.config) },
        WhitelistLoader,
        NotificationDispatcher,
        NotificationsOutboxRelay,
        DeliverOtpHandler,
        NotifyCashOutOutcomeHandler,
        ListSandboxNotificationsHandler,
        NotificationsMessagesConsumer,
      ],
    };
  }
}

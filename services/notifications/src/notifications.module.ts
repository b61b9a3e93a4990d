import { DynamicModule, Inject, Module, OnApplicationShutdown, Optional, Provider } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { Connection } from 'mongoose';
import { PlatformModule, seedPlanProvider, ServiceModuleOptions } from '@cashout/platform';
import { connectMongo, MONGO_CONNECTION } from '@cashout/platform/mongo';
import { DeliverOtpHandler } from './deliver-otp/deliver-otp.handler';
import { NotificationDispatcher } from './dispatch/notification-dispatcher';
import { InMemoryNotificationRecordRepository } from './infrastructure/in-memory-notification-record.repository';
import { InMemoryWhitelistRepository } from './infrastructure/in-memory-whitelist.repository';
import { MongoNotificationRecordRepository } from './infrastructure/mongo-notification-record.repository';
import { MongoWhitelistRepository } from './infrastructure/mongo-whitelist.repository';
import { createChannelProviders } from './infrastructure/providers/channel-providers.factory';
import { ListSandboxNotificationsHandler } from './list-sandbox-notifications/list-sandbox-notifications.handler';
import { MESSAGE_PROVIDERS } from './message-provider.port';
import { NOTIFICATION_RECORD_REPOSITORY } from './notification-record.repository.port';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from './notifications.config';
import { NotificationsMessagesConsumer } from './notifications.messages-consumer';
import { NotificationsOutboxRelay } from './notifications.outbox-relay';
import { NotifyAccessChangeHandler } from './notify-access-change/notify-access-change.handler';
import { NotifyCashOutOutcomeHandler } from './notify-cash-out-outcome/notify-cash-out-outcome.handler';
import { WHITELIST_REPOSITORY } from './whitelist.repository.port';
import { WhitelistSeeder } from './infrastructure/whitelist.seeder';

/** The service's own database on a shared server. */
/** The service's name; the database is `<prefix>-notifications` (see connectMongo). */
export const NOTIFICATIONS_DATABASE = 'notifications';

/**
 * MongoDB when the launcher gives a URL, else the in-memory twins. The connection comes from
 * an async factory and each repository creates its indexes in its own factory, so both are
 * ready before any onModuleInit (the whitelist loading) touches them.
 */
function repositoryProviders(mongoUrl: string | undefined, config: NotificationsConfig): Provider[] {
  if (!mongoUrl) {
    return [
      { provide: NOTIFICATION_RECORD_REPOSITORY, useFactory: () => new InMemoryNotificationRecordRepository(config.sandboxLogSize) },
      { provide: WHITELIST_REPOSITORY, useFactory: () => new InMemoryWhitelistRepository() },
    ];
  }
  return [
    { provide: MONGO_CONNECTION, useFactory: () => connectMongo(mongoUrl, NOTIFICATIONS_DATABASE) },
    {
      provide: NOTIFICATION_RECORD_REPOSITORY,
      inject: [MONGO_CONNECTION],
      useFactory: (connection: Connection) => MongoNotificationRecordRepository.create(connection),
    },
    { provide: WHITELIST_REPOSITORY, inject: [MONGO_CONNECTION], useFactory: (connection: Connection) => MongoWhitelistRepository.create(connection) },
  ];
}

/** OTP routing, message providers and the sandbox log. */
@Module({})
export class NotificationsModule implements OnApplicationShutdown {
  constructor(@Optional() @Inject(MONGO_CONNECTION) private readonly mongo?: Connection) {}

  static register(options: ServiceModuleOptions<NotificationsConfig>): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [PlatformModule.forRoot(options.platform), CqrsModule.forRoot()],
      providers: [
        { provide: NOTIFICATIONS_CONFIG, useValue: options.config },
        seedPlanProvider(options),
        ...repositoryProviders(options.infrastructure?.mongoUrl, options.config),
        { provide: MESSAGE_PROVIDERS, useFactory: () => createChannelProviders(options.config) },
        WhitelistSeeder,
        NotificationDispatcher,
        NotificationsOutboxRelay,
        DeliverOtpHandler,
        NotifyCashOutOutcomeHandler,
        NotifyAccessChangeHandler,
        ListSandboxNotificationsHandler,
        NotificationsMessagesConsumer,
      ],
    };
  }

  /** Nest runs the module's own hook after its providers' (the relay stops first). */
  async onApplicationShutdown(): Promise<void> {
    await this.mongo?.close();
  }
}

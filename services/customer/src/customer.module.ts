import { DynamicModule, Inject, Module, OnApplicationShutdown, Optional, Provider } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { Connection } from 'mongoose';
import { PlatformModule, seedPlanProvider, ServiceModuleOptions } from '@cashout/platform';
import { connectMongo, MONGO_CONNECTION } from '@cashout/platform/mongo';
import { CUSTOMER_CONFIG, CustomerConfig } from './customer.config';
import { CUSTOMER_PROFILE_REPOSITORY } from './customer-profile.repository.port';
import { CustomerMessagesConsumer } from './customer.messages-consumer';
import { InMemoryCustomerProfileRepository } from './infrastructure/in-memory-customer-profile.repository';
import { InMemoryQrTokenRepository } from './infrastructure/in-memory-qr-token.repository';
import { MongoCustomerProfileRepository } from './infrastructure/mongo-customer-profile.repository';
import { MongoQrTokenRepository } from './infrastructure/mongo-qr-token.repository';
import { ProfilesSeeder } from './infrastructure/profiles.seeder';
import { IssueQrTokenHandler } from './issue-qr-token/issue-qr-token.handler';
import { QR_TOKEN_REPOSITORY } from './qr-token.repository.port';
import { QrTokenSigner } from './qr-token.signer';
import { ResolvePartiesHandler } from './resolve-parties/resolve-parties.handler';

/** The service's own database on a shared server. */
/** The service's name; the database is `<prefix>-customer` (see connectMongo). */
export const CUSTOMER_DATABASE = 'customer';

/**
 * MongoDB when the launcher gives a URL, else the in-memory twins. The connection comes from
 * an async factory and each repository creates its indexes in its own factory, so both are
 * ready before any onModuleInit (the seeder's) touches them.
 */
function repositoryProviders(mongoUrl: string | undefined): Provider[] {
  if (!mongoUrl) {
    return [
      { provide: CUSTOMER_PROFILE_REPOSITORY, useClass: InMemoryCustomerProfileRepository },
      { provide: QR_TOKEN_REPOSITORY, useClass: InMemoryQrTokenRepository },
    ];
  }
  return [
    { provide: MONGO_CONNECTION, useFactory: () => connectMongo(mongoUrl, CUSTOMER_DATABASE) },
    {
      provide: CUSTOMER_PROFILE_REPOSITORY,
      inject: [MONGO_CONNECTION],
      useFactory: (connection: Connection) => MongoCustomerProfileRepository.create(connection),
    },
    { provide: QR_TOKEN_REPOSITORY, inject: [MONGO_CONNECTION], useFactory: (connection: Connection) => MongoQrTokenRepository.create(connection) },
  ];
}

/** Customer profiles and QR tokens; answers the customer commands of the bus. */
@Module({})
export class CustomerModule implements OnApplicationShutdown {
  constructor(@Optional() @Inject(MONGO_CONNECTION) private readonly mongo?: Connection) {}

  static register(options: ServiceModuleOptions<CustomerConfig>): DynamicModule {
    return {
      module: CustomerModule,
      imports: [PlatformModule.forRoot(options.platform), CqrsModule.forRoot()],
      providers: [
        { provide: CUSTOMER_CONFIG, useValue: options.config },
        seedPlanProvider(options),
        ...repositoryProviders(options.infrastructure?.mongoUrl),
        QrTokenSigner,
        ProfilesSeeder,
        ResolvePartiesHandler,
        IssueQrTokenHandler,
        CustomerMessagesConsumer,
      ],
    };
  }

  /** Nest runs the module's own hook after its providers'. */
  async onApplicationShutdown(): Promise<void> {
    await this.mongo?.close();
  }
}

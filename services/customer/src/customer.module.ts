import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { PlatformModule, ServiceModuleOptions } from '@cashout/platform';
import { CUSTOMER_CONFIG, CustomerConfig } from './customer.config';
import { CUSTOMER_PROFILE_REPOSITORY } from './customer-profile.repository.port';
import { CustomerMessagesConsumer } from './customer.messages-consumer';
import { DemoProfilesSeeder, SEED_DEMO_PROFILES } from './demo/demo-profiles.seeder';
import { InMemoryCustomerProfileRepository } from './infrastructure/in-memory-customer-profile.repository';
import { InMemoryQrTokenRepository } from './infrastructure/in-memory-qr-token.repository';
import { IssueQrTokenHandler } from './issue-qr-token/issue-qr-token.handler';
import { QR_TOKEN_REPOSITORY } from './qr-token.repository.port';
import { QrTokenSigner } from './qr-token.signer';
import { ResolvePartiesHandler } from './resolve-parties/resolve-parties.handler';

/** Customer profiles and QR tokens; answers the customer commands of the bus. */
@Module({})
export class CustomerModule {
  static register(options: ServiceModuleOptions<CustomerConfig>): DynamicModule {
    return {
      module: CustomerModule,
      imports: [PlatformModule.forRoot(options.platform), CqrsModule.forRoot()],
      providers: [
        { provide: CUSTOMER_CONFIG, useValue: options.config },
        { provide: SEED_DEMO_PROFILES, useValue: options.seedDemo },
        { provide: CUSTOMER_PROFILE_REPOSITORY, useClass: InMemoryCustomerProfileRepository },
        { provide: QR_TOKEN_REPOSITORY, useClass: InMemoryQrTokenRepository },
        QrTokenSigner,
        DemoProfilesSeeder,
        ResolvePartiesHandler,
        IssueQrTokenHandler,
        CustomerMessagesConsumer,
      ],
    };
  }
}

import { DynamicModule, Inject, Module, OnApplicationShutdown, Optional, Provider } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { Connection } from 'mongoose';
import { PlatformModule, seedPlanProvider, ServiceModuleOptions } from '@cashout/platform';
import { connectMongo, MONGO_CONNECTION } from '@cashout/platform/mongo';
import { LEDGER_CONFIG, LedgerConfig } from './ledger.config';
import { CreateIntentHandler } from './create-intent/create-intent.handler';
import { DriveIntentHandler } from './drive-intent/drive-intent.handler';
import { InMemoryIntentRepository } from './infrastructure/in-memory-intent.repository';
import { InMemoryLedgerRepository } from './infrastructure/in-memory-ledger.repository';
import { MongoIntentRepository } from './infrastructure/mongo-intent.repository';
import { MongoLedgerRepository } from './infrastructure/mongo-ledger.repository';
import { WalletsSeeder } from './infrastructure/wallets.seeder';
import { INTENT_REPOSITORY } from './intent.repository.port';
import { IntentSagaWorkflow } from './intent-saga.workflow';
import { LedgerWalletsOutboxRelay } from './ledger-wallets.outbox-relay';
import { LEDGER_REPOSITORY } from './ledger.repository.port';
import { LedgerMessagesConsumer } from './ledger.messages-consumer';
import { MoveFundsMessagesConsumer } from './move-funds.messages-consumer';
import { PlaceHoldHandler } from './place-hold/place-hold.handler';
import { PostCashOutHandler } from './post-cash-out/post-cash-out.handler';
import { ReadLedgerHandler } from './read-ledger/read-ledger.handler';
import { ReleaseHoldHandler } from './release-hold/release-hold.handler';
import { ExpiryAndSettlementSweeper } from './recover-intents/expiry-and-settlement.sweeper';

/** The service's own database on a shared server. */
/** The service's name; the database is `<prefix>-ledger-wallets` (see connectMongo). */
export const LEDGER_DATABASE = 'ledger-wallets';

/**
 * MongoDB when the launcher gives a URL, else the in-memory twins. The connection comes from
 * an async factory and each repository creates its indexes in its own factory, so both are
 * ready before any onModuleInit (the seeder's) touches them.
 */
function repositoryProviders(mongoUrl: string | undefined): Provider[] {
  if (!mongoUrl) {
    return [
      { provide: INTENT_REPOSITORY, useClass: InMemoryIntentRepository },
      { provide: LEDGER_REPOSITORY, useClass: InMemoryLedgerRepository },
    ];
  }
  return [
    { provide: MONGO_CONNECTION, useFactory: () => connectMongo(mongoUrl, LEDGER_DATABASE) },
    { provide: INTENT_REPOSITORY, inject: [MONGO_CONNECTION], useFactory: (connection: Connection) => MongoIntentRepository.create(connection) },
    { provide: LEDGER_REPOSITORY, inject: [MONGO_CONNECTION], useFactory: (connection: Connection) => MongoLedgerRepository.create(connection) },
  ];
}

/** ledger-wallets: the intent saga, wallets and the double-entry journal. */
@Module({})
export class LedgerWalletsModule implements OnApplicationShutdown {
  constructor(@Optional() @Inject(MONGO_CONNECTION) private readonly mongo?: Connection) {}

  static register(options: ServiceModuleOptions<LedgerConfig>): DynamicModule {
    return {
      module: LedgerWalletsModule,
      imports: [PlatformModule.forRoot(options.platform), CqrsModule.forRoot()],
      providers: [
        { provide: LEDGER_CONFIG, useValue: options.config },
        seedPlanProvider(options),
        ...repositoryProviders(options.infrastructure?.mongoUrl),
        LedgerWalletsOutboxRelay,
        IntentSagaWorkflow,
        WalletsSeeder,
        ExpiryAndSettlementSweeper,
        LedgerMessagesConsumer,
        MoveFundsMessagesConsumer,
        CreateIntentHandler,
        DriveIntentHandler,
        PlaceHoldHandler,
        ReleaseHoldHandler,
        PostCashOutHandler,
        ReadLedgerHandler,
      ],
      exports: [INTENT_REPOSITORY, LEDGER_REPOSITORY, ExpiryAndSettlementSweeper],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    // Nest calls the module's own hook after its providers': the relay's last pass is over.
    await this.mongo?.close();
  }
}

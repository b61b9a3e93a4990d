import { DynamicModule, Inject, Module, OnApplicationShutdown, Optional, Provider } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { Connection } from 'mongoose';
import { PlatformModule, ServiceModuleOptions } from '@cashout/platform';
import { connectMongo, MONGO_CONNECTION } from '@cashout/platform/mongo';
import { GetAgentReportHandler } from './agent-report/agent-report.handler';
import { ApplyIntentEventHandler } from './apply-intent-event/apply-intent-event.handler';
import { InMemoryReadModelRepository } from './infrastructure/in-memory-read-model.repository';
import { MongoReadModelRepository } from './infrastructure/mongo-read-model.repository';
import { READ_MODEL_REPOSITORY } from './read-model.repository.port';
import { REPORTING_CONFIG, ReportingConfig } from './reporting.config';
import { ReportingMetrics } from './reporting.metrics';
import { REPORTING_SERVICE, ReportingMessagesConsumer } from './reporting.messages-consumer';

/** MongoDB (database `<prefix>-reporting`) when the launcher gives a URL, else in memory. */
function repositoryProviders(mongoUrl: string | undefined): Provider[] {
  if (!mongoUrl) return [{ provide: READ_MODEL_REPOSITORY, useClass: InMemoryReadModelRepository }];
  return [
    { provide: MONGO_CONNECTION, useFactory: () => connectMongo(mongoUrl, REPORTING_SERVICE) },
    { provide: READ_MODEL_REPOSITORY, inject: [MONGO_CONNECTION], useFactory: (connection: Connection) => MongoReadModelRepository.create(connection) },
  ];
}

/** The reporting read model: built from cashout.intent.events alone, read by the gateway's report queries. */
@Module({})
export class ReportingModule implements OnApplicationShutdown {
  constructor(@Optional() @Inject(MONGO_CONNECTION) private readonly mongo?: Connection) {}

  static register(options: ServiceModuleOptions<ReportingConfig>): DynamicModule {
    return {
      module: ReportingModule,
      imports: [PlatformModule.forRoot(options.platform), CqrsModule.forRoot()],
      providers: [
        { provide: REPORTING_CONFIG, useValue: options.config },
        ...repositoryProviders(options.infrastructure?.mongoUrl),
        ApplyIntentEventHandler,
        GetAgentReportHandler,
        ReportingMessagesConsumer,
        ReportingMetrics,
      ],
    };
  }

  /** Nest runs the module's own hook after its providers'. */
  async onApplicationShutdown(): Promise<void> {
    await this.mongo?.close();
  }
}

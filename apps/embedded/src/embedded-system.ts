import { INestApplication, INestApplicationContext, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuthModule, loadAuthConfig } from '@cashout/auth';
import { CustomerModule, loadCustomerConfig } from '@cashout/customer';
import { createGatewayApp, loadGatewayConfig } from '@cashout/gateway';
import { LedgerWalletsModule, loadLedgerConfig } from '@cashout/ledger-wallets';
import { loadNotificationsConfig, NotificationsModule } from '@cashout/notifications';
import { loadReportingConfig, ReportingModule } from '@cashout/reporting';
import { loadRiskConfig, RiskEngineModule } from '@cashout/risk-engine';
import { TOPIC_CATALOGUE } from '@cashout/shared-contracts';
import { Clock, Env, InMemoryMessageBus, loadEvery, loadPlatformEnv, MessageBus, seedDemoFrom, systemClock } from '@cashout/platform';
import { KafkaMessageBus } from '@cashout/platform/kafka';

export interface EmbeddedSystem {
  gateway: INestApplication;
  port: number;
  bus: MessageBus;
  services: INestApplicationContext[];
  close(): Promise<void>;
}

export interface EmbeddedOptions {
  clock?: Clock;
  /** Nest's log levels; false silences every service (tests). */
  logger?: LogLevel[] | false;
}

/**
 * Every service in one process, each in a Nest context of its own (no shared container),
 * talking only through one bus: the production topology without a broker, database or
 * cache. KAFKA_BROKERS, MONGO_URL and REDIS_URL, each when set, swap in the real bus and
 * stores. Configuration is read and validated for every service before any starts, so a
 * bad setting fails fast, and every problem of every service is listed at once.
 */
export async function startEmbeddedSystem(env: Env, options: EmbeddedOptions = {}): Promise<EmbeddedSystem> {
  const configs = loadEvery(
    {
      auth: loadAuthConfig,
      customer: loadCustomerConfig,
      risk: loadRiskConfig,
      notifications: loadNotificationsConfig,
      ledger: loadLedgerConfig,
      reporting: loadReportingConfig,
      gateway: loadGatewayConfig,
    },
    env,
  );
  const platformEnv = loadPlatformEnv(env);
  const seedDemo = seedDemoFrom(env, platformEnv.appEnv);
  const seedLoad = platformEnv.seedLoad;
  const { kafkaBrokers, mongoUrl, redisUrl } = platformEnv.infrastructure;
  const bus = kafkaBrokers
    ? new KafkaMessageBus({ brokers: kafkaBrokers, clientId: 'embedded', groupPrefix: platformEnv.bus.groupPrefix })
    : new InMemoryMessageBus({ retainConsumedRecords: false });
  if (bus instanceof KafkaMessageBus) await bus.ensureTopics(TOPIC_CATALOGUE);
  const clock = options.clock ?? systemClock;
  const platform = (serviceName: string) => ({ serviceName, bus, sealKey: platformEnv.sealKey, clock });
  const infrastructure = { mongoUrl, redisUrl };
  const contextOptions = options.logger !== undefined ? { logger: options.logger, abortOnError: false } : { abortOnError: false };

  const modules = [
    AuthModule.register({ platform: platform('auth'), config: configs.auth, seedDemo, seedLoad, infrastructure }),
    CustomerModule.register({ platform: platform('customer'), config: configs.customer, seedDemo, seedLoad, infrastructure }),
    RiskEngineModule.register({ platform: platform('risk-engine'), config: configs.risk, seedDemo, infrastructure }),
    NotificationsModule.register({ platform: platform('notifications'), config: configs.notifications, seedDemo, seedLoad, infrastructure }),
    LedgerWalletsModule.register({ platform: platform('ledger-wallets'), config: configs.ledger, seedDemo, seedLoad, infrastructure }),
    ReportingModule.register({ platform: platform('reporting'), config: configs.reporting, seedDemo, infrastructure }),
  ];
  const services: INestApplicationContext[] = [];
  for (const module of modules) {
    const context = await NestFactory.createApplicationContext(module, contextOptions);
    context.enableShutdownHooks();
    await context.init();
    services.push(context);
  }
  const gateway = await createGatewayApp({ platform: platform('gateway'), config: configs.gateway, seedDemo, infrastructure }, { logger: options.logger });

  return {
    gateway,
    port: configs.gateway.port,
    bus,
    services,
    async close() {
      await gateway.close();
      await bus.stop();
      for (const context of services.reverse()) await context.close();
    },
  };
}

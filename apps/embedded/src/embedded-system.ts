import { INestApplication, INestApplicationContext, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuthModule, loadAuthConfig } from '@cashout/auth';
import { CustomerModule, loadCustomerConfig } from '@cashout/customer';
import { createGatewayApp, loadGatewayConfig } from '@cashout/gateway';
import { LedgerWalletsModule, loadLedgerConfig } from '@cashout/ledger-wallets';
import { loadNotificationsConfig, NotificationsModule } from '@cashout/notifications';
import { loadRiskConfig, RiskEngineModule } from '@cashout/risk-engine';
import { Clock, Env, InMemoryMessageBus, loadPlatformEnv, seedDemoFrom, systemClock } from '@cashout/platform';

export interface EmbeddedSystem {
  gateway: INestApplication;
  port: number;
  bus: InMemoryMessageBus;
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
 * talking only through one in-process bus: the production topology without a broker,
 * database or cache. Configuration is read and validated for every service before any
 * starts, so a bad setting fails fast.
 */
export async function startEmbeddedSystem(env: Env, options: EmbeddedOptions = {}): Promise<EmbeddedSystem> {
  const platformEnv = loadPlatformEnv(env);
  const seedDemo = seedDemoFrom(env, platformEnv.appEnv);
  const configs = {
    auth: loadAuthConfig(env),
    customer: loadCustomerConfig(env),
    risk: loadRiskConfig(env),
    notifications: loadNotificationsConfig(env),
    ledger: loadLedgerConfig(env),
    gateway: loadGatewayConfig(env),
  };
  const bus = new InMemoryMessageBus();
  const clock = options.clock ?? systemClock;
  const platform = (serviceName: string) => ({ serviceName, bus, sealKey: platformEnv.sealKey, clock });
  const contextOptions = options.logger !== undefined ? { logger: options.logger, abortOnError: false } : { abortOnError: false };

  const modules = [
    AuthModule.register({ platform: platform('auth'), config: configs.auth, seedDemo }),
    CustomerModule.register({ platform: platform('customer'), config: configs.customer, seedDemo }),
    RiskEngineModule.register({ platform: platform('risk-engine'), config: configs.risk, seedDemo }),
    NotificationsModule.register({ platform: platform('notifications'), config: configs.notifications, seedDemo }),
    LedgerWalletsModule.register({ platform: platform('ledger-wallets'), config: configs.ledger, seedDemo }),
  ];
  const services: INestApplicationContext[] = [];
  for (const module of modules) {
    const context = await NestFactory.createApplicationContext(module, contextOptions);
    context.enableShutdownHooks();
    await context.init();
    services.push(context);
  }
  const gateway = await createGatewayApp({ platform: platform('gateway'), config: configs.gateway, seedDemo }, { logger: options.logger });

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

import { INestApplicationContext, Logger } from '@nestjs/common';
import { TOPIC_CATALOGUE } from '@cashout/shared-contracts';
import { Env, loadPlatformEnv, PlatformEnv, seedDemoFrom } from '../config/env';
import { LoadSeed } from '../demo/load-data';
import { setMessageLogLevel } from '../messaging/consume-messages';
import { KafkaMessageBus } from '../messaging/kafka-message-bus';
import { startProcessMetricsServer } from '../metrics/process-metrics.server';
import { createPlatformLogger, installPlatformLogger, logLevelFrom } from '../logging/platform-logger';
import { InfrastructureOptions, PlatformOptions } from './platform.module';

export interface ServiceProcess {
  env: Env;
  platformEnv: PlatformEnv;
  seedDemo: boolean;
  seedLoad: LoadSeed;
  infrastructure: InfrastructureOptions;
  /** The platform options for the service's module: its name, the Kafka bus, the seal key. */
  platform: PlatformOptions;
}

/**
 * Runs one service as a process of its own in the distributed mode: the bus is Kafka
 * (KAFKA_BROKERS is required), the stores are chosen by MONGO_URL / REDIS_URL, and SIGTERM
 * or SIGINT close the service (its handlers finish, offsets are committed) before exiting.
 * It logs JSON lines (LOG_LEVEL, INSTANCE_ID); with METRICS_PORT set it serves its metrics there
 * (the process's and the platform's: messages, outbox, lag, dead letters, the service's own).
 */
export async function runServiceProcess(
  serviceName: string,
  start: (process: ServiceProcess) => Promise<INestApplicationContext>,
  env: Env = process.env,
): Promise<void> {
  // JSON lines to stdout, one per handled message at info: the process's trace.
  installPlatformLogger(createPlatformLogger({ service: serviceName, level: logLevelFrom(env.LOG_LEVEL), instance: env.INSTANCE_ID }));
  setMessageLogLevel('info');
  const logger = new Logger(serviceName);
  try {
    const platformEnv = loadPlatformEnv(env);
    const brokers = platformEnv.infrastructure.kafkaBrokers;
    if (!brokers) throw new Error('KAFKA_BROKERS is required to run a service on its own (npm start runs everything embedded)');
    const metrics = platformEnv.metricsPort === undefined ? undefined : await startProcessMetricsServer(platformEnv.metricsPort, env.HOST);
    const bus = new KafkaMessageBus({
      brokers,
      clientId: platformEnv.bus.clientId ?? `${serviceName}-${process.pid}`,
      groupPrefix: platformEnv.bus.groupPrefix,
      newGroupsStartAt: platformEnv.bus.newGroupsStartAt,
    });
    await bus.ensureTopics(TOPIC_CATALOGUE);
    const app = await start({
      env,
      platformEnv,
      seedDemo: seedDemoFrom(env, platformEnv.appEnv),
      seedLoad: platformEnv.seedLoad,
      infrastructure: { mongoUrl: platformEnv.infrastructure.mongoUrl, redisUrl: platformEnv.infrastructure.redisUrl },
      platform: { serviceName, bus, sealKey: platformEnv.sealKey },
    });
    logger.log(`${serviceName} running (pid ${process.pid})${metrics ? `; metrics on port ${metrics.port}` : ''}`);
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.log(`${signal}: finishing in-flight messages, then stopping`);
      // Consumers first: in-flight messages finish and commit; then the service's own
      // shutdown (relay, timers, connections). Unrelayed outbox entries wait for the next start.
      try {
        await bus.stop();
        await app.close();
        await metrics?.close();
        process.exit(0);
      } catch (error) {
        // Nothing is lost by stopping hard: uncommitted messages are redelivered, outboxes relayed later.
        logger.error(`stopping failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      }
    };
    process.once('SIGTERM', () => void stop('SIGTERM'));
    process.once('SIGINT', () => void stop('SIGINT'));
  } catch (error) {
    logger.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

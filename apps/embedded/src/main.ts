import 'reflect-metadata';
import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Logger } from '@nestjs/common';
import { findRepoRoot, loadPlatformEnv, logLevelsOf, startProcessMetricsServer } from '@cashout/platform';
import { installEmbeddedLogger } from './embedded-logger';
import { startEmbeddedSystem } from './embedded-system';

/**
 * How far V8 lets the heap grow past what its last full collection kept. Its own default
 * lets this fast-allocating process grow to several times its live data.
 */
function heapGrowingPercent(setting: string | undefined): number {
  const percent = Number(setting ?? 30);
  if (!Number.isInteger(percent) || percent < 1 || percent > 1000) {
    throw new Error(`EMBEDDED_HEAP_GROWING_PERCENT: must be an integer from 1 to 1000, got ${JSON.stringify(setting)}`);
  }
  return percent;
}

/**
 * `npm start`: the whole cash-out platform in one process, nothing else to install.
 * LOG_LEVEL chooses what it logs (pretty lines; LOG_FORMAT=json for JSON); with METRICS_PORT
 * set it serves its metrics there.
 */
async function main(): Promise<void> {
  setFlagsFromString(`--heap-growing-percent=${heapGrowingPercent(process.env.EMBEDDED_HEAP_GROWING_PERCENT)}`);
  installEmbeddedLogger(process.env);
  const logger = new Logger('embedded');
  const logLevels = logLevelsOf(process.env);
  // The web console's build (apps/console, `npm run build`), unless CONSOLE_DIR says otherwise.
  const env = { ...process.env, CONSOLE_DIR: process.env.CONSOLE_DIR ?? resolve(findRepoRoot(__dirname), 'apps', 'console', 'dist') };
  // Every service's settings are checked here, every problem listed at once.
  const system = await startEmbeddedSystem(env, { logger: [...logLevels] });
  const platformEnv = loadPlatformEnv(process.env);
  const metrics = platformEnv.metricsPort === undefined ? undefined : await startProcessMetricsServer(platformEnv.metricsPort, process.env.HOST);
  await system.gateway.listen(system.port, process.env.HOST ?? '127.0.0.1');
  logger.log(`cash-out platform ready on http://localhost:${system.port} (docs: /docs, console: /console/)`);
  const shutdown = async (signal: string) => {
    logger.log(`${signal}: draining and stopping`);
    await system.close();
    await metrics?.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  new Logger('embedded').error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});

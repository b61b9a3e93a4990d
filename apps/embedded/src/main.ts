import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { startEmbeddedSystem } from './embedded-system';

/** `npm start`: the whole cash-out platform in one process, nothing else to install. */
async function main(): Promise<void> {
  const logger = new Logger('embedded');
  const system = await startEmbeddedSystem(process.env);
  await system.gateway.listen(system.port, process.env.HOST ?? '127.0.0.1');
  logger.log(`cash-out platform ready on http://localhost:${system.port} (docs: /docs, console: /cmms)`);
  const shutdown = async (signal: string) => {
    logger.log(`${signal}: draining and stopping`);
    await system.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  new Logger('embedded').error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});

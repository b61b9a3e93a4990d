import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { static as serveStatic } from 'express';
import { dirname } from 'node:path';
import { ServiceModuleOptions } from '@cashout/platform';
import { CONSOLE_ASSETS_PATH, CONSOLE_PATH, consoleMiddleware } from './console/console.static';
import { DOCS_ASSETS_PATH } from './docs/docs.controller';
import { GatewayConfig } from './gateway.config';
import { GatewayModule } from './gateway.module';
import { accessLogMiddleware, correlationIdMiddleware, jsonBodyMiddleware, securityHeadersMiddleware } from './http/http-pipeline';
import { MetricsRegistry } from './operations/metrics.registry';

/** The package's index would load the whole UI bundle into Node: only its folder is needed. */
const SWAGGER_UI_ASSETS = dirname(require.resolve('swagger-ui-dist/package.json'));

export interface GatewayAppOptions {
  /** Nest's log levels; false silences it (tests). */
  logger?: LogLevel[] | false;
}

/**
 * The gateway's Nest application, fully configured and initialised; the launcher only
 * calls `listen(port)`, tests use `getHttpServer()` directly.
 */
export async function createGatewayApp(options: ServiceModuleOptions<GatewayConfig>, appOptions: GatewayAppOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.register(options), {
    // Nest's own parser would answer errors in its own shape, before our filter: ours replaces it.
    bodyParser: false,
    ...(appOptions.logger !== undefined ? { logger: appOptions.logger } : {}),
  });
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(securityHeadersMiddleware([DOCS_ASSETS_PATH, CONSOLE_ASSETS_PATH]));
  app.use(correlationIdMiddleware());
  app.use(accessLogMiddleware(app.get(MetricsRegistry)));
  app.use(DOCS_ASSETS_PATH, serveStatic(SWAGGER_UI_ASSETS, { index: false, redirect: false, fallthrough: true }));
  // Without CONSOLE_DIR nothing is mounted: /console is the API's 404.
  const consoleDir = options.config.consoleDir;
  if (consoleDir !== undefined) app.use(CONSOLE_PATH, consoleMiddleware(consoleDir));
  app.use(jsonBodyMiddleware());
  await app.init();
  return app;
}

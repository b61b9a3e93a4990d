import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface RealServers {
  kafkaBrokers: string[];
  mongoUrl: string;
  redisUrl: string;
}

export type ServerName = 'kafka' | 'mongo' | 'redis';

const ENV_OF: Record<ServerName, string> = { kafka: 'KAFKA_BROKERS', mongo: 'MONGO_URL', redis: 'REDIS_URL' };

/** The file `npm run infra:up` writes with the local servers' addresses. */
export const LOCAL_ENV_FILE = resolve(__dirname, '..', '..', '.infra', 'env');

export function readLocalEnvFile(path = LOCAL_ENV_FILE): Record<string, string> {
  if (!existsSync(path)) return {};
  const entries = readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#') && line.includes('='))
    .map((line) => {
      const at = line.indexOf('=');
      return [line.slice(0, at).replace(/^export\s+/, ''), line.slice(at + 1).replace(/^['"]|['"]$/g, '')] as const;
    });
  return Object.fromEntries(entries);
}

/**
 * The servers integration tests run against. Jest's global setup has already chosen them
 * (explicit URLs, else containers, else the local servers) and put them in the
 * environment; a missing one is an error, never a skipped suite.
 */
export function realServers(env: Record<string, string | undefined> = process.env): RealServers {
  const missing = (Object.keys(ENV_OF) as ServerName[]).filter((name) => !env[ENV_OF[name]]);
  if (missing.length > 0) {
    throw new Error(
      `integration tests need real servers; missing ${missing.map((name) => ENV_OF[name]).join(', ')}. ` +
        'Set them, start a Docker engine (testcontainers), or run `npm run infra:up`.',
    );
  }
  return {
    kafkaBrokers: (env.KAFKA_BROKERS as string).split(',').map((broker) => broker.trim()),
    mongoUrl: env.MONGO_URL as string,
    redisUrl: env.REDIS_URL as string,
  };
}

/** A database name of its own per test file, so suites never see each other's documents. */
export function uniqueDatabaseUrl(mongoUrl: string, prefix: string): string {
  const url = new URL(mongoUrl);
  url.pathname = `/${prefix}-${process.pid}-${Date.now().toString(36)}`;
  return url.toString();
}

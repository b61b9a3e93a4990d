import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, resolve } from 'node:path';

type Env = Record<string, string | undefined>;

/** The repository's root, from src/ (tests) or dist/src/ (the built CLI). */
const REPO_ROOT = resolve(__dirname, basename(dirname(__dirname)) === 'dist' ? '../../../..' : '../../..');

/** Where `npm run infra:up` writes the local servers' addresses (INFRA_HOME, else .infra). */
function localEnvFile(env: Env): string {
  const home = env.INFRA_HOME;
  const dir = !home ? resolve(REPO_ROOT, '.infra') : isAbsolute(home) ? home : resolve(REPO_ROOT, home);
  return resolve(dir, 'env');
}

/** The port `npm run infra:up` gives Kafka when nothing overrides it. */
export const LOCAL_KAFKA = '127.0.0.1:19092';

/** A server address from the environment, else from the local servers' env file. */
function serverSetting(env: Env, name: 'KAFKA_BROKERS' | 'MONGO_URL'): string | undefined {
  if (env[name]) return env[name];
  const file = localEnvFile(env);
  if (!existsSync(file)) return undefined;
  const pattern = new RegExp(`^(?:export\\s+)?${name}=['"]?([^'"]*)['"]?\\s*$`);
  const line = readFileSync(file, 'utf8')
    .split('\n')
    .map((text) => pattern.exec(text.trim()))
    .find((match) => match !== null);
  return line?.[1] || undefined;
}

/** KAFKA_BROKERS, else the local servers' env file, else the local Kafka's default address. */
export function kafkaBrokers(env: Env = process.env): string[] {
  const brokers = (serverSetting(env, 'KAFKA_BROKERS') ?? LOCAL_KAFKA)
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
  return brokers.length > 0 ? brokers : [LOCAL_KAFKA];
}

/** MONGO_URL (the services' own setting, its database the prefix), else the local servers' env file. */
export function mongoUrl(env: Env = process.env): string | undefined {
  return serverSetting(env, 'MONGO_URL');
}

import { execFileSync } from 'node:child_process';
import { readLocalEnvFile } from '@cashout/testkit';
import { resolve } from 'node:path';
import { REPO_ROOT } from './stack';

export interface InfraUrls {
  KAFKA_BROKERS: string;
  MONGO_URL: string;
  REDIS_URL: string;
}

/**
 * The servers the stack runs on: explicit KAFKA_BROKERS / MONGO_URL / REDIS_URL, else the
 * local servers, provisioned and started by infra/local/up.sh when needed.
 */
export function ensureInfra(env: Record<string, string | undefined>): InfraUrls {
  if (env.KAFKA_BROKERS && env.MONGO_URL && env.REDIS_URL) {
    return { KAFKA_BROKERS: env.KAFKA_BROKERS, MONGO_URL: env.MONGO_URL, REDIS_URL: env.REDIS_URL };
  }
  execFileSync('bash', [resolve(REPO_ROOT, 'infra', 'local', 'up.sh')], { stdio: 'inherit', cwd: REPO_ROOT });
  const local = readLocalEnvFile(resolve(REPO_ROOT, '.infra', 'env'));
  const urls = {
    KAFKA_BROKERS: env.KAFKA_BROKERS ?? local.KAFKA_BROKERS,
    MONGO_URL: env.MONGO_URL ?? local.MONGO_URL,
    REDIS_URL: env.REDIS_URL ?? local.REDIS_URL,
  };
  const missing = Object.entries(urls).filter(([, value]) => !value).map(([name]) => name);
  if (missing.length > 0) throw new Error(`infra/local/up.sh did not provide ${missing.join(', ')}`);
  return urls as InfraUrls;
}

export function stopLocalInfra(): void {
  execFileSync('bash', [resolve(REPO_ROOT, 'infra', 'local', 'down.sh')], { stdio: 'inherit', cwd: REPO_ROOT });
}

import { execFile, execFileSync } from 'node:child_process';
import { isAbsolute, resolve } from 'node:path';
import { readLocalEnvFile } from '@cashout/testkit';
import { REPO_ROOT } from './stack';

export interface InfraUrls {
  KAFKA_BROKERS: string;
  MONGO_URL: string;
  REDIS_URL: string;
}

/** The local servers the infra/local scripts manage. */
export const LOCAL_SERVERS = ['kafka', 'postgres', 'ferretdb', 'redis'] as const;
export type LocalServer = (typeof LOCAL_SERVERS)[number];

type Env = Record<string, string | undefined>;

/** Where the infra/local scripts keep the servers' data, pid files and env file (INFRA_HOME). */
export function infraHome(env: Env = process.env): string {
  const home = env.INFRA_HOME;
  if (!home) return resolve(REPO_ROOT, '.infra');
  return isAbsolute(home) ? home : resolve(REPO_ROOT, home);
}

const script = (name: string) => resolve(REPO_ROOT, 'infra', 'local', name);

/**
 * The servers the stack runs on: explicit KAFKA_BROKERS / MONGO_URL / REDIS_URL, else the
 * local servers, provisioned and started by infra/local/up.sh when needed (honouring
 * INFRA_HOME and the *_PORT variables of `env`).
 */
export function ensureInfra(env: Env): InfraUrls {
  if (env.KAFKA_BROKERS && env.MONGO_URL && env.REDIS_URL) {
    return { KAFKA_BROKERS: env.KAFKA_BROKERS, MONGO_URL: env.MONGO_URL, REDIS_URL: env.REDIS_URL };
  }
  return startLocalInfra(env);
}

/** Runs infra/local/up.sh (it starts only what is not running) and returns the local servers' URLs. */
export function startLocalInfra(env: Env): InfraUrls {
  execFileSync('bash', [script('up.sh')], { stdio: 'inherit', cwd: REPO_ROOT, env: { ...process.env, ...env } });
  const local = readLocalEnvFile(resolve(infraHome(env), 'env'));
  const urls = {
    KAFKA_BROKERS: env.KAFKA_BROKERS ?? local.KAFKA_BROKERS,
    MONGO_URL: env.MONGO_URL ?? local.MONGO_URL,
    REDIS_URL: env.REDIS_URL ?? local.REDIS_URL,
  };
  const missing = Object.entries(urls)
    .filter(([, value]) => !value)
    .map(([name]) => name);
  if (missing.length > 0) throw new Error(`infra/local/up.sh did not provide ${missing.join(', ')}`);
  return urls as InfraUrls;
}

export function stopLocalInfra(env: Env = process.env): void {
  execFileSync('bash', [script('down.sh')], { stdio: 'inherit', cwd: REPO_ROOT, env: { ...process.env, ...env } });
}

function runScript(name: string, args: string[], env: Env): Promise<string> {
  return new Promise((done, fail) => {
    execFile('bash', [script(name), ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, maxBuffer: 4 * 2 ** 20 }, (error, stdout, stderr) => {
      if (error) fail(new Error(`infra/local/${name} ${args.join(' ')} failed: ${stderr.trim() || error.message}`));
      else done(stdout);
    });
  });
}

/** SIGKILLs one local server (infra/local/kill.sh): no clean shutdown, as in a crash. */
export function killLocalServer(server: LocalServer, env: Env): Promise<string> {
  return runScript('kill.sh', [server], env);
}

/** Starts one local server again and waits until it answers (infra/local/up.sh SERVER). */
export function startLocalServer(server: LocalServer, env: Env): Promise<string> {
  return runScript('up.sh', [server], env);
}

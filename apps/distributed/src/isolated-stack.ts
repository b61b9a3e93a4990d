import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import mongoose from 'mongoose';
import Redis from 'ioredis';
import { realServers } from '@cashout/testkit';
import { REPO_ROOT, RunningStack, STACK_SERVICES, startStack } from './stack';

export interface IsolatedStack extends RunningStack {
  runId: string;
  /** The servers and names this stack runs on: its own database prefix, Redis database and group prefix. */
  infra: { kafkaBrokers: string[]; mongoUrl: string; redisUrl: string; groupPrefix: string };
}

export interface IsolatedStackOptions {
  /** Names the run (its id starts with it) and its log folder, .infra/logs/<label>/<runId>. */
  label?: string;
  /** Leaves the run's databases in place at stop, for a post-mortem. */
  keepData?: boolean;
}

let redisDatabase = 0;
// Below Linux's ephemeral range (32768+), so outgoing client sockets never take these ports.
let nextPort = 21_000 + (process.pid % 400) * 20;

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const probe = createServer();
    probe.once('error', () => resolvePort(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolvePort(true)));
  });
}

/** `count` consecutive free ports (the gateways', the processes' metrics). */
export async function freePorts(count: number): Promise<number> {
  for (;;) {
    const base = nextPort;
    nextPort = nextPort + count >= 32_000 ? 21_000 : nextPort + count;
    const checks = await Promise.all(Array.from({ length: count }, (_, offset) => portIsFree(base + offset)));
    if (checks.every(Boolean)) return base;
  }
}

/**
 * A whole distributed stack that shares the real servers with other runs but nothing else:
 * its own consumer groups (starting at the end of the topics), its own databases, and its
 * own Redis database, dropped again when it stops. Used by the end-to-end suites. Every
 * process serves its process metrics on a port of its own (`processes[i].metricsUrl`).
 */
export async function startIsolatedStack(env: Record<string, string | undefined>, instances = 2, options: IsolatedStackOptions = {}): Promise<IsolatedStack> {
  const servers = realServers({ ...process.env, ...env });
  const label = options.label ?? 'e2e';
  const runId = `${label}${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  redisDatabase = (redisDatabase % 15) + 1;
  const redisUrl = new URL(servers.redisUrl);
  redisUrl.pathname = `/${redisDatabase}`;
  const redis = new Redis(redisUrl.toString(), { lazyConnect: true });
  await redis.connect();
  await redis.flushdb();
  await redis.quit();
  const mongoUrl = servers.mongoUrl.replace(/^(mongodb(\+srv)?:\/\/[^/]*)(\/[^?]*)?/, `$1/${runId}`);
  const port = await freePorts(instances);
  const metricsPort = await freePorts(instances * STACK_SERVICES.length);

  const stack = await startStack({
    instances,
    port,
    metricsPort,
    logDir: resolve(REPO_ROOT, '.infra', 'logs', label, runId),
    env: {
      ...env,
      KAFKA_BROKERS: servers.kafkaBrokers.join(','),
      MONGO_URL: mongoUrl,
      REDIS_URL: redisUrl.toString(),
      BUS_GROUP_PREFIX: `${runId}.`,
      BUS_NEW_GROUPS_START_AT: 'latest',
    },
  });
  return {
    ...stack,
    runId,
    infra: { kafkaBrokers: servers.kafkaBrokers, mongoUrl, redisUrl: redisUrl.toString(), groupPrefix: `${runId}.` },
    async stop() {
      await stack.stop();
      if (options.keepData) return;
      const connection = await mongoose.createConnection(servers.mongoUrl).asPromise();
      try {
        for (const service of STACK_SERVICES) await connection.useDb(`${runId}-${service}`).dropDatabase();
      } finally {
        await connection.close();
      }
    },
  };
}

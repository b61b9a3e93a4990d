// Jest global setup for the integration tier (*.int.spec.ts). Chooses the real servers once:
//  1. explicit KAFKA_BROKERS / MONGO_URL / REDIS_URL win;
//  2. else, when a Docker engine answers, testcontainers starts Kafka, a MongoDB replica set
//     and Redis;
//  3. else the servers `npm run infra:up` provisioned locally (.infra/env).
// A server found nowhere fails the run: real-server suites are never skipped.
const { existsSync, readFileSync } = require('node:fs');
const { resolve } = require('node:path');

const LOCAL_ENV_FILE = resolve(__dirname, '..', '.infra', 'env');
const NAMES = ['KAFKA_BROKERS', 'MONGO_URL', 'REDIS_URL'];

function localEnv() {
  if (!existsSync(LOCAL_ENV_FILE)) return {};
  const out = {};
  for (const line of readFileSync(LOCAL_ENV_FILE, 'utf8').split('\n')) {
    const match = /^(?:export\s+)?([A-Z_]+)=['"]?([^'"]*)['"]?\s*$/.exec(line.trim());
    if (match) out[match[1]] = match[2];
  }
  return out;
}

async function dockerAnswers() {
  if (process.env.TESTCONTAINERS_DISABLED === 'true') return false;
  try {
    const { getContainerRuntimeClient } = require('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

async function startContainers(needed) {
  const started = [];
  if (needed.includes('KAFKA_BROKERS')) {
    const { KafkaContainer } = require('@testcontainers/kafka');
    const kafka = await new KafkaContainer('confluentinc/cp-kafka:7.7.1').withKraft().start();
    started.push(kafka);
    process.env.KAFKA_BROKERS = `${kafka.getHost()}:${kafka.getMappedPort(9093)}`;
  }
  if (needed.includes('MONGO_URL')) {
    const { MongoDBContainer } = require('@testcontainers/mongodb');
    const mongo = await new MongoDBContainer('mongo:7.0').start();
    started.push(mongo);
    process.env.MONGO_URL = `${mongo.getConnectionString()}/cashout?directConnection=true`;
  }
  if (needed.includes('REDIS_URL')) {
    const { RedisContainer } = require('@testcontainers/redis');
    const redis = await new RedisContainer('redis:7-alpine').start();
    started.push(redis);
    process.env.REDIS_URL = redis.getConnectionUrl();
  }
  globalThis.__CASHOUT_CONTAINERS__ = started;
  return 'testcontainers';
}

module.exports = async function globalSetup() {
  let needed = NAMES.filter((name) => !process.env[name]);
  let source = needed.length === 0 ? 'environment' : undefined;
  if (needed.length > 0 && (await dockerAnswers())) source = await startContainers(needed);
  needed = NAMES.filter((name) => !process.env[name]);
  if (needed.length > 0) {
    const local = localEnv();
    for (const name of needed) if (local[name]) process.env[name] = local[name];
    source = source ?? 'local servers (.infra/env)';
  }
  needed = NAMES.filter((name) => !process.env[name]);
  if (needed.length > 0) {
    throw new Error(
      `integration tests need real servers; missing ${needed.join(', ')}. ` + 'Set them, start a Docker engine (testcontainers), or run `npm run infra:up`.',
    );
  }
  process.stdout.write(
    `\nintegration servers (${source}): kafka ${process.env.KAFKA_BROKERS}, mongo ${process.env.MONGO_URL}, redis ${process.env.REDIS_URL}\n`,
  );
};

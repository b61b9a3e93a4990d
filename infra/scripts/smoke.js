'use strict';
// End-to-end check of the three local servers with the same drivers the services use:
//   Kafka    - produce one keyed message and consume it back through a consumer group (kafkajs)
//   MongoDB  - insert, find and update one document (mongoose, against FerretDB here)
//   Redis    - SET/GET and an atomic INCR with expiry (ioredis)
// Reads KAFKA_BROKERS, MONGO_URL and REDIS_URL (as written to .infra/env by up.sh).
const { randomUUID } = require('node:crypto');
const { Kafka, logLevel } = require('kafkajs');

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
const mongoose = require('mongoose');
const Redis = require('ioredis');

const KAFKA_BROKERS = process.env.KAFKA_BROKERS || '127.0.0.1:19092';
const MONGO_URL = process.env.MONGO_URL || 'mongodb://127.0.0.1:27027/cashout';
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:16379';
const SMOKE_TOPIC = 'infra.smoke';
const TIMEOUT_MS = 60000;

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function kafkaRoundTrip() {
  const kafka = new Kafka({ clientId: 'infra-smoke', brokers: KAFKA_BROKERS.split(','), logLevel: logLevel.WARN });
  const admin = kafka.admin();
  await admin.connect();
  // Auto-creation is off on the broker, like in production: the smoke topic is created here.
  if (!(await admin.listTopics()).includes(SMOKE_TOPIC)) {
    await admin.createTopics({ topics: [{ topic: SMOKE_TOPIC, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
  }
  await admin.disconnect();

  const id = randomUUID();
  const groupId = `infra-smoke-${id}`;
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  const started = Date.now();
  try {
    await producer.connect();
    await consumer.connect();
    await consumer.subscribe({ topics: [SMOKE_TOPIC], fromBeginning: true });
    const received = new Promise((resolve) => {
      consumer.run({
        eachMessage: async ({ message }) => {
          if (message.key && message.key.toString() === id) resolve(JSON.parse(message.value.toString()));
        },
      });
    });
    await producer.send({ topic: SMOKE_TOPIC, messages: [{ key: id, value: JSON.stringify({ id, at: new Date().toISOString() }) }] });
    const value = await withTimeout(received, TIMEOUT_MS, `kafka consumer group ${groupId}`);
    if (value.id !== id) throw new Error(`kafka returned ${JSON.stringify(value)}`);
    const { groups } = await (async () => {
      const a = kafka.admin();
      await a.connect();
      try {
        return await a.describeGroups([groupId]);
      } finally {
        await a.disconnect();
      }
    })();
    console.log(
      `kafka    ok: produced and consumed ${id} on ${SMOKE_TOPIC} through group ${groupId} ` + `(state ${groups[0].state}, ${Date.now() - started} ms)`,
    );
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
  }
}

async function mongoRoundTrip() {
  const conn = await mongoose.createConnection(MONGO_URL, { serverSelectionTimeoutMS: 5000 }).asPromise();
  try {
    const Probe = conn.model('InfraSmoke', new mongoose.Schema({ _id: String, count: Number, at: Date }), 'infra_smoke');
    const id = randomUUID();
    await Probe.create({ _id: id, count: 1, at: new Date() });
    const updated = await Probe.updateOne({ _id: id, count: 1 }, { $inc: { count: 1 } });
    const found = await Probe.findById(id).lean();
    if (!found || found.count !== 2 || updated.modifiedCount !== 1) {
      throw new Error(`mongo returned ${JSON.stringify({ found, updated })}`);
    }
    await Probe.deleteOne({ _id: id });
    const hello = await conn.db.admin().command({ buildInfo: 1 });
    console.log(`mongo    ok: insert/update/find/delete in ${conn.db.databaseName}.infra_smoke (server reports ${hello.version})`);
  } finally {
    await conn.close();
  }
}

async function redisRoundTrip() {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    const key = `infra:smoke:${randomUUID()}`;
    await redis.set(key, 'value', 'EX', 60, 'NX');
    const value = await redis.get(key);
    const count = await redis.incr(`${key}:n`);
    await redis.del(key, `${key}:n`);
    if (value !== 'value' || count !== 1) throw new Error(`redis returned ${value}, ${count}`);
    console.log(`redis    ok: SET NX EX / GET / INCR / DEL (server ${(await redis.info('server')).match(/redis_version:(\S+)/)[1]})`);
  } finally {
    redis.disconnect();
  }
}

(async () => {
  const checks = [
    ['redis', redisRoundTrip],
    ['mongo', mongoRoundTrip],
    ['kafka', kafkaRoundTrip],
  ];
  let failed = 0;
  for (const [name, check] of checks) {
    try {
      await check();
    } catch (err) {
      failed += 1;
      console.error(`${name.padEnd(8)} FAILED: ${err.message}`);
    }
  }
  console.log(`${checks.length - failed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
})();

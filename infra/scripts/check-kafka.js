'use strict';
// Health check of the local Kafka broker: a metadata request through kafkajs must succeed.
// Exit code 0 when healthy, 1 otherwise (the reason on stderr). Used by infra/local/up.sh.
const { Kafka, logLevel } = require('kafkajs');

const brokers = (process.env.KAFKA_BROKERS || '127.0.0.1:19092').split(',');

async function main() {
  const kafka = new Kafka({
    clientId: 'infra-health',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    requestTimeout: 5000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.listTopics();
    const cluster = await admin.describeCluster();
    if (cluster.controller === null || cluster.controller === undefined || cluster.controller < 0) {
      throw new Error('no active controller yet');
    }
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`kafka not healthy at ${brokers.join(',')}: ${err.message}\n`);
    process.exit(1);
  },
);

'use strict';
// Creates every topic of the catalogue declared in shared-contracts (TOPIC_CATALOGUE), the one
// source of topic names, partitions and retention. Idempotent: a topic that exists is left
// as it is, except that its retention.ms and cleanup.policy are brought back to the catalogue's
// and missing partitions are added (Kafka cannot remove partitions: that is only reported).
// Also readies the group coordinator, so the first consumer group joins without retries.
//
//   KAFKA_BROKERS=127.0.0.1:19092 node infra/scripts/create-topics.js
//
// Needs the compiled catalogue: `npx tsc -b shared-contracts/tsconfig.build.json` (or `npm run build`).
const { Kafka, logLevel, ConfigResourceTypes } = require('kafkajs');

const brokers = (process.env.KAFKA_BROKERS || '127.0.0.1:19092').split(',');
const replicationFactor = Number(process.env.TOPIC_REPLICATION_FACTOR || 1);

function loadCatalogue() {
  let contracts;
  try {
    contracts = require('@cashout/shared-contracts');
  } catch (err) {
    throw new Error(`cannot load @cashout/shared-contracts (${err.message}); build it first: ` + 'npx tsc -b shared-contracts/tsconfig.build.json');
  }
  wantedConfig = contracts.topicConfig;
  if (typeof wantedConfig !== 'function') throw new Error('@cashout/shared-contracts exports no topicConfig');
  const catalogue = contracts.TOPIC_CATALOGUE;
  if (!Array.isArray(catalogue) || catalogue.length === 0) {
    throw new Error('@cashout/shared-contracts exports no TOPIC_CATALOGUE');
  }
  return catalogue;
}

// The catalogue's settings per topic, as the Kafka adapter also creates topics with them.
let wantedConfig;

async function createMissing(admin, specs) {
  if (specs.length === 0) return;
  await admin.createTopics({
    waitForLeaders: true,
    timeout: 30000,
    topics: specs.map((spec) => ({
      topic: spec.name,
      numPartitions: spec.partitions,
      replicationFactor,
      configEntries: Object.entries(wantedConfig(spec)).map(([name, value]) => ({ name, value })),
    })),
  });
}

async function reconcileExisting(admin, specs, report) {
  if (specs.length === 0) return;
  const { topics } = await admin.fetchTopicMetadata({ topics: specs.map((s) => s.name) });
  const partitionsOf = new Map(topics.map((t) => [t.name, t.partitions.length]));
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: specs.map((s) => ({
      type: ConfigResourceTypes.TOPIC,
      name: s.name,
      configNames: Object.keys(wantedConfig(s)),
    })),
  });
  const configOf = new Map(described.resources.map((r) => [r.resourceName, Object.fromEntries(r.configEntries.map((e) => [e.configName, e.configValue]))]));

  const grow = [];
  const alter = [];
  for (const spec of specs) {
    const have = partitionsOf.get(spec.name);
    if (have < spec.partitions) {
      grow.push({ topic: spec.name, count: spec.partitions });
      report(spec.name, `partitions ${have} -> ${spec.partitions}`);
    } else if (have > spec.partitions) {
      report(spec.name, `has ${have} partitions, catalogue says ${spec.partitions} (cannot shrink; left as is)`);
    }
    const want = wantedConfig(spec);
    const current = configOf.get(spec.name) || {};
    const differs = Object.keys(want).filter((k) => current[k] !== want[k]);
    if (differs.length > 0) {
      alter.push({
        type: ConfigResourceTypes.TOPIC,
        name: spec.name,
        configEntries: Object.entries(want).map(([name, value]) => ({ name, value })),
      });
      report(spec.name, differs.map((k) => `${k} ${current[k]} -> ${want[k]}`).join(', '));
    }
  }
  if (grow.length > 0) await admin.createPartitions({ topicPartitions: grow, timeout: 30000 });
  if (alter.length > 0) await admin.alterConfigs({ validateOnly: false, resources: alter });
}

// The broker creates its internal offsets topic on the first group-coordinator look-up. Doing
// it here means the first consumer group of a test joins at once instead of retrying through
// "The group coordinator is not available". Its own quiet client: those retries are expected.
async function warmGroupCoordinator() {
  const kafka = new Kafka({
    clientId: 'infra-create-topics',
    brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 15, initialRetryTime: 200, maxRetryTime: 2000 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.describeGroups(['infra-create-topics-warm-up']);
  } catch (err) {
    console.warn(`warning: the group coordinator is not ready yet (${err.message}); the first consumer group will wait for it`);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function main() {
  const catalogue = loadCatalogue();
  const kafka = new Kafka({
    clientId: 'infra-create-topics',
    brokers,
    logLevel: logLevel.WARN,
    retry: { retries: 10, initialRetryTime: 300 },
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = catalogue.filter((s) => !existing.has(s.name));
    const present = catalogue.filter((s) => existing.has(s.name));

    await createMissing(admin, missing);
    const changes = [];
    await reconcileExisting(admin, present, (topic, what) => changes.push(`${topic}: ${what}`));

    for (const spec of missing) {
      console.log(`created  ${spec.name} (partitions=${spec.partitions}, retention.ms=${spec.retentionMs}, cleanup.policy=${spec.cleanupPolicy})`);
    }
    for (const change of changes) console.log(`updated  ${change}`);
    await warmGroupCoordinator();
    console.log(
      `topics: ${catalogue.length} in the catalogue, ${missing.length} created, ` +
        `${present.length} already there, ${changes.length} change(s) to existing ones`,
    );
  } finally {
    await admin.disconnect();
  }
}

main().catch((err) => {
  console.error(`create-topics failed against ${brokers.join(',')}: ${err.stack || err.message}`);
  process.exit(1);
});

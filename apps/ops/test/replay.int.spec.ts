import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { Admin, Consumer, Kafka, Partitioners } from 'kafkajs';
import { openReportingProjection } from '@cashout/reporting';
import { serviceDatabaseName } from '@cashout/platform/mongo';
import { realServers } from '@cashout/testkit';
import { opsKafka } from '../src/kafka-client';
import { Projection } from '../src/replay/projections';
import { replayProjection, ReplayRefused } from '../src/replay/replay.command';

const STEPS = ['CREATED', 'OTP_SENT', 'OTP_VERIFIED', 'PIN_VERIFIED', 'PROCESSING', 'SUCCEEDED'] as const;

/** A view of a 10 000 XOF cash-out after `steps` transitions, as the ledger publishes it. */
function viewOf(id: string, agentPhone: string, steps: number) {
  const at = (index: number) => new Date(Date.parse('2026-11-27T10:00:00.000Z') + index * 5_000).toISOString();
  const history = STEPS.slice(0, steps).map((status, index) => ({ status, at: at(index) }));
  return {
    id,
    referenceId: `REF-${id}`,
    type: 'CASH_OUT',
    status: STEPS[steps - 1],
    channel: 'CMMS',
    amount: 10_000,
    currency: 'XOF',
    fees: 250,
    totalDebit: 10_250,
    commission: 100,
    agent: { userId: `usr-${agentPhone}`, phone: agentPhone },
    client: { userId: 'usr-client-0001', phone: '+2250100000001' },
    initiatorUserId: 'usr-operator-0002',
    createdBy: 'usr-operator-0002',
    expiresAt: at(180),
    createdAt: at(0),
    updatedAt: at(steps - 1),
    history,
  };
}

/** The event as written on the topic: version 1 (as producers wrote it before v2) or 2. */
function envelope(id: string, agentPhone: string, steps: number, version: 1 | 2): string {
  const intent = viewOf(id, agentPhone, steps);
  const mark = version === 2 ? { sequence: steps, at: intent.updatedAt } : {};
  const payload = { from: STEPS[steps - 2], to: STEPS[steps - 1], ...mark, intent };
  return JSON.stringify({
    messageId: randomUUID(),
    type: 'IntentStateChanged',
    version,
    occurredAt: intent.updatedAt,
    correlationId: `c-${id}`,
    aggregateId: id,
    producer: 'ledger-wallets',
    payload,
  });
}

/** Real Kafka and FerretDB: a topic, a group and databases of this run only, removed after. */
describe('ops replay against Kafka and FerretDB', () => {
  const run = randomUUID().slice(0, 8);
  const topic = `ops-replay-${run}.intent-events`;
  const group = `ops-replay-${run}`;
  const mongoUrl = realServers().mongoUrl.replace(/^(mongodb:\/\/[^/]*)(\/[^?]*)?/, `$1/opsreplay${run}`);
  const intents = [`i-${run}-1`, `i-${run}-2`, `i-${run}-3`];
  let kafka: Kafka;
  let admin: Admin;
  let projection: Projection;
  let server: mongoose.Connection;

  const replay = (request: Partial<Parameters<typeof replayProjection>[2]> = {}) =>
    replayProjection(kafka, projection, { from: { kind: 'beginning' }, dryRun: false, groupPrefix: '', ...request });
  const database = () => server.useDb(serviceDatabaseName(mongoUrl, 'reporting'));
  const served = async () => {
    const pointer = await database()
      .collection('read_model')
      .findOne({ _id: 'intents' as never });
    const copy = (pointer?.collection as string | undefined) ?? 'intents';
    return { copy, docs: await database().collection(copy).find({}).sort({ _id: 1 }).toArray() };
  };

  beforeAll(async () => {
    kafka = opsKafka(realServers().kafkaBrokers, `ops-replay-${run}`);
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 2, replicationFactor: 1 }] });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    // The first intent's life was written by a version-1 producer, the others by version 2;
    // the third stops at PIN_VERIFIED; one record is not a message at all.
    await producer.send({
      topic,
      messages: [
        ...STEPS.map((_, index) => ({ key: intents[0], value: envelope(intents[0], '+2250500000001', index + 1, 1) })),
        ...STEPS.map((_, index) => ({ key: intents[1], value: envelope(intents[1], '+2250500000002', index + 1, 2) })),
        ...STEPS.slice(0, 4).map((_, index) => ({ key: intents[2], value: envelope(intents[2], '+2250500000001', index + 1, 2) })),
        { key: intents[2], value: 'not an envelope' },
      ],
    });
    await producer.disconnect();
    server = await mongoose.createConnection(realServers().mongoUrl).asPromise();
    projection = { ...(await openReportingProjection(mongoUrl)), topic, group };
  });

  afterAll(async () => {
    await projection?.close();
    await database()
      .dropDatabase()
      .catch(() => undefined);
    await server?.close();
    await admin.deleteGroups([group]).catch(() => undefined);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('a dry run reports what the replay would add and changes nothing', async () => {
    const result = await replay({ dryRun: true });

    expect(result.events).toEqual({ read: 17, applied: 16, skipped: 0, ignored: 0, invalid: 1 });
    expect(result.invalidReasons).toEqual([expect.stringContaining('invalid envelope')]);
    expect(result.diff).toMatchObject({ served: 0, rebuilt: 3, removed: [], changed: [] });
    expect([...result.diff.added].sort()).toEqual(intents);
    expect(result.installed).toBeUndefined();
    expect((await served()).docs).toEqual([]);
    expect(await admin.fetchOffsets({ groupId: group, topics: [topic] })).toEqual([
      { topic, partitions: expect.arrayContaining([expect.objectContaining({ offset: '-1' })]) },
    ]);
  });

  it('rebuilds from the beginning, upcasting version 1, serves a fresh copy and moves the group to the end', async () => {
    const result = await replay();

    expect(result.installed).toMatchObject({ previous: 'intents', dropped: [] });
    const { copy, docs } = await served();
    expect(copy).toBe(result.installed?.copy);
    expect(docs.map((doc) => [doc._id, doc.status, doc.steps, doc.amount])).toEqual([
      [intents[0], 'SUCCEEDED', 6, 10_000],
      [intents[1], 'SUCCEEDED', 6, 10_000],
      [intents[2], 'PIN_VERIFIED', 4, 10_000],
    ]);
    const ends = await admin.fetchTopicOffsets(topic);
    const [{ partitions }] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
    expect(partitions.map(({ partition, offset }) => [partition, offset]).sort()).toEqual(ends.map(({ partition, high }) => [partition, high]).sort());
  });

  it('a second replay of a healthy model changes nothing, and drops the copy two replays old', async () => {
    const first = await served();
    const result = await replay();

    expect(result.diff).toEqual({ served: 3, rebuilt: 3, added: [], removed: [], changed: [] });
    expect(result.installed).toMatchObject({ previous: first.copy });
    expect((await served()).docs).toEqual(first.docs);
    const third = await replay();
    expect(third.installed?.dropped).toEqual([first.copy]);
  });

  it('since a time after every event keeps the model as it is', async () => {
    const result = await replay({ from: { kind: 'since', time: new Date(Date.now() + 60_000) }, dryRun: true });

    expect(result.events.read).toBe(0);
    expect(result.diff).toEqual({ served: 3, rebuilt: 3, added: [], removed: [], changed: [] });
  });

  describe("while the projection's service consumes", () => {
    let consumer: Consumer;

    beforeAll(async () => {
      consumer = kafka.consumer({ groupId: group, sessionTimeout: 6_000, heartbeatInterval: 500, maxWaitTimeInMs: 200 });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: false });
      await consumer.run({ eachMessage: async () => undefined });
      for (let tries = 0; tries < 100 && ((await admin.describeGroups([group])).groups[0]?.members.length ?? 0) === 0; tries += 1) {
        await new Promise((wait) => setTimeout(wait, 100));
      }
    });

    afterAll(async () => {
      await consumer.disconnect();
    });

    it('refuses to replay, and still answers a dry run', async () => {
      const before = await served();
      await expect(replay()).rejects.toThrow(ReplayRefused);
      await expect(replay()).rejects.toThrow(/active member/);
      expect((await replay({ dryRun: true })).diff.changed).toEqual([]);
      expect((await served()).copy).toBe(before.copy);
    });
  });
});

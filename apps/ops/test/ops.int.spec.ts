import { randomUUID } from 'node:crypto';
import { Admin, Consumer, Kafka, Partitioners } from 'kafkajs';
import { realServers } from '@cashout/testkit';
import { runOps } from '../src/cli';
import { opsKafka } from '../src/kafka-client';
import { readLag } from '../src/lag/lag.command';
import { resetOffsets, ResetRefused } from '../src/reset/reset-offsets';
import { readTimeline } from '../src/timeline/timeline.command';

/** Real Kafka: topics and groups of this run only, removed after. */
describe('ops against Kafka', () => {
  const run = randomUUID().slice(0, 8);
  const intentTopic = `ops-test-${run}.intent`;
  const walletTopic = `ops-test-${run}.wallet`;
  const intentId = `intent-${run}`;
  let kafka: Kafka;
  let admin: Admin;
  const groups: string[] = [];
  let intentPartitionId = -1;

  const envelope = (type: string, occurredAt: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      messageId: randomUUID(),
      type,
      version: 1,
      occurredAt,
      correlationId: `corr-${run}`,
      aggregateId: intentId,
      producer: 'ops-test',
      payload: {},
      ...extra,
    });

  const cliIo = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (text: string) => out.push(text), err: { isTTY: false, write: (text: string) => err.push(text) }, env: {}, kafka } };
  };

  beforeAll(async () => {
    kafka = opsKafka(realServers().kafkaBrokers, `ops-test-${run}`);
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic: intentTopic, numPartitions: 3, replicationFactor: 1 },
        { topic: walletTopic, numPartitions: 2, replicationFactor: 1 },
      ],
    });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    // Written out of order: the timeline orders by occurredAt, not by when they were written.
    const [written] = await producer.send({
      topic: intentTopic,
      messages: [
        {
          key: intentId,
          value: envelope('IntentStateChanged', '2026-11-27T10:00:02.000Z', { causationId: 'cmd-2', payload: { from: 'CREATED', to: 'OTP_SENT', intent: {} } }),
        },
        { key: intentId, value: envelope('CreateCashOutIntent', '2026-11-27T10:00:00.000Z', { producer: 'gateway' }) },
        { key: intentId, value: envelope('IntentStateChanged', '2026-11-27T10:00:01.000Z', { causationId: 'cmd-1', payload: { to: 'CREATED', intent: {} } }) },
        { key: intentId, value: 'not an envelope' },
      ],
    });
    intentPartitionId = written.partition;
    // Another intent, placed on another partition on purpose (its key alone could hash to the same one).
    await producer.send({
      topic: intentTopic,
      messages: [
        {
          key: `other-${run}`,
          partition: (intentPartitionId + 1) % 3,
          value: envelope('CreateCashOutIntent', '2026-11-27T10:00:00.500Z', { aggregateId: `other-${run}` }),
        },
      ],
    });
    // Keyed by wallet, as the ledger's commands: found by the payload's intentId.
    await producer.send({
      topic: walletTopic,
      messages: [{ key: `wallet-${run}`, value: envelope('PlaceHold', '2026-11-27T10:00:01.500Z', { aggregateId: `wallet-${run}`, payload: { intentId } }) }],
    });
    await producer.disconnect();
  });

  afterAll(async () => {
    await admin.deleteGroups(groups).catch(() => undefined);
    await admin.deleteTopics({ topics: [intentTopic, walletTopic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('reads an intent off every topic to the high watermarks, in order, with its status after each change', async () => {
    const progress: Array<[number, number]> = [];
    const timeline = await readTimeline(kafka, intentId, {
      topics: [intentTopic, walletTopic, `ops-test-${run}.absent`],
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(timeline.entries.map((entry) => [entry.type, entry.topic, entry.status ?? null])).toEqual([
      ['CreateCashOutIntent', intentTopic, null],
      ['IntentStateChanged', intentTopic, 'CREATED'],
      ['PlaceHold', walletTopic, null],
      ['IntentStateChanged', intentTopic, 'OTP_SENT'],
    ]);
    expect(timeline.entries[0]).toMatchObject({ producer: 'gateway', correlationId: `corr-${run}` });
    expect(timeline.entries[0].causationId).toBeUndefined();
    expect(timeline.entries[3]).toMatchObject({ producer: 'ops-test', causationId: 'cmd-2', statusFrom: 'CREATED', status: 'OTP_SENT' });
    // One key, one partition: its offsets follow the order of writing.
    const keyed = timeline.entries.filter((entry) => entry.topic === intentTopic);
    expect(new Set(keyed.map((entry) => entry.partition)).size).toBe(1);
    expect(keyed.map((entry) => entry.offset)).toEqual(['1', '2', '0']);
    expect(timeline).toMatchObject({ scanned: 6, unreadable: 1, topics: [intentTopic, walletTopic], missingTopics: [`ops-test-${run}.absent`] });
    expect(progress.at(-1)).toEqual([6, 6]);
    // The throwaway group is gone.
    expect((await admin.listGroups()).groups.filter((group) => group.groupId.startsWith('cashout-ops-timeline-'))).toEqual([]);
  });

  describe('a consumer group', () => {
    const groupId = `ops-test-${run}-group`;
    let consumer: Consumer | undefined;

    const intentPartition = async () => {
      const ends = await admin.fetchTopicOffsets(intentTopic);
      const end = ends.find((row) => row.partition === intentPartitionId);
      if (!end || Number(end.high) !== 4) throw new Error(`the intent's partition ${intentPartitionId} should hold its 4 records: ${JSON.stringify(ends)}`);
      return { partition: end.partition, high: end.high };
    };

    beforeAll(async () => {
      groups.push(groupId);
      const { partition: target } = await intentPartition();
      consumer = kafka.consumer({ groupId, sessionTimeout: 6_000, heartbeatInterval: 500, maxWaitTimeInMs: 200 });
      await consumer.connect();
      await consumer.subscribe({ topic: intentTopic, fromBeginning: true });
      const member = consumer;
      // Commits once, after the first record of the intent's partition; nothing elsewhere.
      await new Promise<void>((committed) => {
        void member.run({
          autoCommit: false,
          eachMessage: async ({ topic, partition, message }) => {
            if (partition !== target || message.offset !== '0') return;
            await member.commitOffsets([{ topic, partition, offset: '1' }]);
            committed();
          },
        });
      });
    });

    afterAll(async () => {
      await consumer?.disconnect();
    });

    it('reports its committed offset, the end and the lag, while it has a member', async () => {
      const [lag] = await readLag(kafka, groupId);
      const { partition } = await intentPartition();
      expect(lag).toMatchObject({ groupId, state: 'Stable', members: 1, totalLag: 3 + 1 });
      expect(lag.partitions).toHaveLength(3);
      expect(lag.partitions.find((row) => row.partition === partition)).toEqual({ topic: intentTopic, partition, committed: 1, end: 4, lag: 3 });
      const cli = cliIo();
      expect(await runOps(['lag', '--group', groupId, '--json'], cli.io)).toBe(0);
      expect(JSON.parse(cli.out.join(''))).toEqual({ groups: [lag] });
      const missing = cliIo();
      expect(await runOps(['lag', '--group', `${groupId}-absent`], missing.io)).toBe(1);
      expect(missing.err.join('')).toBe(`no consumer group named ${groupId}-absent\n`);
    });

    it('refuses to reset its offsets while a member is connected', async () => {
      await expect(resetOffsets(kafka, { groupId, topic: intentTopic, to: 'latest', dryRun: false })).rejects.toThrow(ResetRefused);
      const cli = cliIo();
      expect(await runOps(['reset-offsets', '--group', groupId, '--topic', intentTopic, '--to', 'latest'], cli.io)).toBe(1);
      expect(cli.out).toEqual([]);
      expect(cli.err.join('')).toBe(`refused: group ${groupId} is Stable with 1 active member(s): stop its consumers first, then reset\n`);
    });

    it('resets them once the member left: a dry run changes nothing, then latest and earliest', async () => {
      await consumer?.disconnect();
      consumer = undefined;
      const { partition } = await intentPartition();
      const committedOn = async () => (await readLag(kafka, groupId))[0].partitions.find((row) => row.partition === partition)?.committed;

      const dry = await resetOffsets(kafka, { groupId, topic: intentTopic, to: 'latest', dryRun: true });
      expect(dry).toMatchObject({ state: 'Empty', dryRun: true });
      expect(dry.changes.find((change) => change.partition === partition)).toEqual({ partition, from: 1, to: 4 });
      expect(await committedOn()).toBe(1);

      const cli = cliIo();
      expect(await runOps(['reset-offsets', '--group', groupId, '--topic', intentTopic, '--to', 'latest'], cli.io)).toBe(0);
      expect(cli.out.join('')).toContain(`group ${groupId} (Empty) on ${intentTopic} to latest: moved 3 of 3 partition(s)`);
      const [after] = await readLag(kafka, groupId);
      expect(after.totalLag).toBe(0);
      expect(await committedOn()).toBe(4);

      const earliest = await resetOffsets(kafka, { groupId, topic: intentTopic, to: 'earliest', dryRun: false });
      expect(earliest.changes.find((change) => change.partition === partition)).toEqual({ partition, from: 4, to: 0 });
      expect(await committedOn()).toBe(0);
    });

    it('refuses a group that does not exist', async () => {
      await expect(resetOffsets(kafka, { groupId: `${groupId}-absent`, topic: intentTopic, to: 'earliest', dryRun: true })).rejects.toThrow(
        `no consumer group named ${groupId}-absent`,
      );
    });
  });
});

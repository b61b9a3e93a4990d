import { randomUUID } from 'node:crypto';
import { Admin, ConfigResourceTypes, Kafka, Partitioners } from 'kafkajs';
import { PoisonMessageError } from '@cashout/platform';
import { KafkaMessageBus } from '@cashout/platform/kafka';
import { TOPICS } from '@cashout/shared-contracts';
import { realServers } from '@cashout/testkit';
import { readDeadLetters, transactionalIdOf } from '../src/dlq/dlq.command';
import { readTopicsToHighWatermarks, ReadRecord } from '../src/timeline/read-topics';
import { runDlq } from '../src/dlq/dlq.cli';
import { opsKafka } from '../src/kafka-client';
import { parseOpsCommand } from '../src/options';
import type { DlqCommand } from '../src/dlq/dlq.options';
import type { DeadLetterSummary, RedriveReport, DeadLetterDetail } from '../src/dlq/dlq.format';

/*
 * The bus writes its dead letters to TOPICS.deadLetter, read when it dead-letters. Other suites
 * use the shared cashout.dead-letter: this one gets topics of its own by giving the real bus
 * (and everything else here) a catalogue whose dead-letter and marker topics are this run's.
 */
jest.mock('@cashout/shared-contracts', () => {
  const actual = jest.requireActual<typeof import('@cashout/shared-contracts')>('@cashout/shared-contracts');
  const run = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  return {
    ...actual,
    TOPICS: { ...actual.TOPICS, deadLetter: `ops-dlq-test-${run}.dead-letter`, deadLetterRedriven: `ops-dlq-test-${run}.dead-letter.redriven` },
  };
});

jest.setTimeout(120_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

interface Received {
  value: unknown;
  headers: Record<string, string>;
}

/** Real Kafka and the real bus: topics and groups of this run only, removed after. */
describe('dlq against Kafka', () => {
  const run = randomUUID().slice(0, 8);
  const sourceTopic = `ops-dlq-test-${run}.intent`;
  const topics = { deadLetter: TOPICS.deadLetter, redriven: TOPICS.deadLetterRedriven };
  const group = `dlq-test-${run}`;
  const groupPrefix = `ops-dlq-test-${run}-`;
  const intentId = `intent-${run}`;
  let kafka: Kafka;
  let admin: Admin;
  let bus: KafkaMessageBus;
  let fixed = false;
  const received: Received[] = [];

  const envelope = (type: string, version: number, aggregateId: string, payload: Record<string, unknown>) => ({
    messageId: randomUUID(),
    type,
    version,
    occurredAt: new Date().toISOString(),
    correlationId: `corr-${run}`,
    aggregateId,
    producer: 'dlq-test',
    payload,
  });
  const stateChanged = envelope('IntentStateChanged', 3, intentId, { from: 'CREATED', to: 'OTP_SENT', intent: {} });
  const hold = envelope('PlaceHold', 1, `wallet-${run}`, { intentId, amount: 5_000, sealedPin: 'sealed-pin-secret' });

  /** One dlq command line, as the CLI parses it, run against this run's topics. */
  async function dlq<T>(argv: string[]): Promise<{ code: number; value: T; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runDlq(
      parseOpsCommand(['dlq', ...argv]) as DlqCommand,
      { out: (text) => out.push(text), err: { isTTY: false, write: (text) => err.push(text) } },
      kafka,
      topics,
    );
    const text = out.join('');
    return { code, value: (argv.includes('--json') && code === 0 ? JSON.parse(text) : undefined) as T, out: text, err: err.join('') };
  }

  const highOf = async (topic: string) => (await admin.fetchTopicOffsets(topic)).reduce((sum, part) => sum + Number(part.high), 0);

  beforeAll(async () => {
    const { kafkaBrokers } = realServers();
    kafka = opsKafka(kafkaBrokers, `ops-dlq-test-${run}`);
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic: sourceTopic, numPartitions: 3, replicationFactor: 1 },
        { topic: topics.deadLetter, numPartitions: 1, replicationFactor: 1 },
      ],
    });
    bus = new KafkaMessageBus({ brokers: kafkaBrokers, clientId: `ops-dlq-test-${run}`, maxAttempts: 2, backoffMs: () => 20, groupPrefix });
    // Broken at first: a version it does not know is poison, the ledger "is down"; fixed later.
    await bus.subscribe({
      group,
      topics: [sourceTopic],
      handler: async (value, context) => {
        if (fixed) {
          received.push({ value, headers: context.headers });
          return;
        }
        const message = value as { type: string; version: number };
        if (message.type === 'IntentStateChanged') throw new PoisonMessageError(`IntentStateChanged v${message.version} is newer than supported v2`);
        throw new Error('ledger unavailable');
      },
    });
    await bus.publish([
      { topic: sourceTopic, key: intentId, envelope: stateChanged, headers: { 'x-correlation-id': `corr-${run}` } },
      { topic: sourceTopic, key: `wallet-${run}`, envelope: hold, headers: { 'x-correlation-id': `corr-${run}` } },
    ]);
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({ topic: sourceTopic, messages: [{ key: `other-${run}`, value: 'not json at all' }] });
    await producer.disconnect();
    await waitFor(async () => (await highOf(topics.deadLetter)) === 3, 'three dead letters');
  });

  afterAll(async () => {
    await bus?.stop();
    await admin.deleteGroups([`${groupPrefix}${group}`]).catch(() => undefined);
    await admin.deleteTopics({ topics: [sourceTopic, topics.deadLetter, topics.redriven] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('lists what the bus dead-lettered: where from, which group, how many attempts, why', async () => {
    const { code, value } = await dlq<{ total: number; letters: DeadLetterSummary[] }>(['list', '--json']);
    expect(code).toBe(0);
    expect(value.total).toBe(3);
    const byType = new Map(value.letters.map((letter) => [letter.type, letter]));
    expect(byType.get('IntentStateChanged')).toMatchObject({
      source: { topic: sourceTopic },
      group,
      attempts: 1,
      aggregateId: intentId,
      reason: 'IntentStateChanged v3 is newer than supported v2',
      redriven: null,
    });
    expect(byType.get('PlaceHold')).toMatchObject({ group, attempts: 2, aggregateId: `wallet-${run}`, intentId, reason: 'ledger unavailable', redriven: null });
    expect(byType.get(null)).toMatchObject({ group, attempts: 1, reason: 'value is not JSON' });
    // Each from its own place on the source topic (keys of this run may share a partition).
    const places = value.letters.map((letter) => `${letter.source.partition}@${letter.source.offset}`);
    expect(new Set(places).size).toBe(3);
    for (const letter of value.letters)
      expect(letter.source).toEqual({ topic: sourceTopic, partition: expect.any(Number), offset: expect.stringMatching(/^[0-2]$/) });
    expect(value.letters.map((letter) => letter.id).sort()).toEqual(['0:0', '0:1', '0:2']);

    const table = await dlq<never>(['list', '--filter', 'reason=NEWER than', '--filter', `group=${group}`]);
    expect(table.out).toMatch(new RegExp(`^1 dead letter\\(s\\) on ${topics.deadLetter} matching \\(of 3\\), 0 re-driven\\n`));
    expect(table.out).toContain('IntentStateChanged v3 is newer than supported v2');
    expect(table.out).toContain(`${sourceTopic}[`);
  });

  it('shows one whole, its secrets redacted, and exits 1 for an id that is not there', async () => {
    const { letters } = await readDeadLetters(kafka, topics);
    const id = letters.find((letter) => letter.type === 'PlaceHold')?.id as string;
    const { code, value, out } = await dlq<DeadLetterDetail>(['show', id, '--json']);
    expect(code).toBe(0);
    expect(value.headers).toMatchObject({
      'x-correlation-id': `corr-${run}`,
      'x-dlt-topic': sourceTopic,
      'x-dlt-group': group,
      'x-dlt-attempts': '2',
      'x-dlt-reason': 'ledger unavailable',
    });
    expect(value.key).toBe(`wallet-${run}`);
    expect(value.value).toEqual({ ...hold, payload: { ...hold.payload, sealedPin: '[redacted]' } });
    expect(JSON.stringify(value)).not.toContain('sealed-pin-secret');
    expect(out).toContain('"sealedPin": "[redacted]"');

    const missing = await dlq<never>(['show', '0:999']);
    expect(missing.code).toBe(1);
    expect(missing.out).toBe('');
    expect(missing.err).toBe(`no dead letter 0:999 on ${topics.deadLetter}; \`dlq list\` shows the ids\n`);
  });

  it('re-drives each matching dead letter once, to the fixed handler, even after a crashed run and when run again', async () => {
    fixed = true;
    const selection = ['--filter', `intent=${intentId}`];
    const sourceEnd = await highOf(sourceTopic);

    const dry = await dlq<RedriveReport>(['redrive', ...selection, '--dry-run', '--json']);
    expect(dry.value).toMatchObject({ dryRun: true, redriven: 2, skippedAlreadyRedriven: 0 });
    expect(dry.value.letters.map((letter) => letter.type).sort()).toEqual(['IntentStateChanged', 'PlaceHold']);
    expect(await admin.listTopics()).not.toContain(topics.redriven);
    expect(await highOf(sourceTopic)).toBe(sourceEnd);

    // A run that crashed mid-transaction: its re-driven message written, never committed.
    const poison = (await readDeadLetters(kafka, topics)).letters.find((letter) => letter.type === 'IntentStateChanged');
    const zombie = kafka.producer({
      transactionalId: transactionalIdOf(topics.deadLetter),
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await zombie.connect();
    const crashed = await zombie.transaction();
    await crashed.send({ topic: sourceTopic, messages: [{ key: poison?.key ?? null, value: poison?.value ?? null }] });

    const first = await dlq<RedriveReport>(['redrive', ...selection, '--json']);
    expect(first.code).toBe(0);
    expect(first.value).toMatchObject({ dryRun: false, redriven: 2, skippedAlreadyRedriven: 0, unroutable: 0 });
    // The crashed run was fenced off: its transaction aborted, its commit refused.
    await expect(crashed.commit()).rejects.toThrow();
    await zombie.disconnect().catch(() => undefined);

    await waitFor(() => received.length >= 2, 'the re-driven messages');
    await sleep(3_000);
    expect(received).toHaveLength(2);
    const byType = new Map(received.map((message) => [(message.value as { type: string }).type, message]));
    expect(byType.get('IntentStateChanged')?.value).toEqual(stateChanged);
    expect(byType.get('PlaceHold')?.value).toEqual(hold);
    const ids = new Map(first.value.letters.map((letter) => [letter.type, letter.id]));
    for (const [type, message] of byType) {
      expect(message.headers).toEqual({ 'x-correlation-id': `corr-${run}`, 'x-redriven-from': ids.get(type) });
    }

    const listed = await dlq<{ letters: DeadLetterSummary[] }>(['list', '--json']);
    for (const letter of listed.value.letters) {
      if (letter.type === null) expect(letter.redriven).toBeNull();
      else expect(letter.redriven).toEqual({ redrivenAt: expect.any(String), topic: sourceTopic });
    }

    // The committed markers: one per re-driven dead letter, keyed by its id.
    const markers: ReadRecord[] = [];
    await readTopicsToHighWatermarks({ kafka, topics: [topics.redriven], onRecord: (record) => markers.push(record), groupPrefix: `ops-dlq-test-${run}-` });
    expect(markers.map((marker) => marker.key).sort()).toEqual([...ids.values()].sort());
    for (const marker of markers) {
      const letter = listed.value.letters.find((candidate) => candidate.id === marker.key);
      expect(JSON.parse(marker.value ?? '')).toEqual({ redrivenAt: letter?.redriven?.redrivenAt, topic: sourceTopic, deadLetteredAt: letter?.deadLetteredAt });
    }

    const markersEnd = await highOf(topics.redriven);
    const sourceAfter = await highOf(sourceTopic);
    const again = await dlq<never>(['redrive', ...selection]);
    expect(again.out).toBe(`re-drove 0 dead letter(s) from ${topics.deadLetter}; skipped 2 already re-driven\n`);
    const dryAll = await dlq<RedriveReport>(['redrive', '--dry-run', '--json']);
    expect(dryAll.value).toMatchObject({ redriven: 1, skippedAlreadyRedriven: 2, letters: [{ reason: 'value is not JSON' }] });
    expect(await highOf(topics.redriven)).toBe(markersEnd);
    expect(await highOf(sourceTopic)).toBe(sourceAfter);
    await sleep(2_000);
    expect(received).toHaveLength(2);

    // Created by the first re-drive: one partition, compacted.
    expect((await admin.fetchTopicOffsets(topics.redriven)).map((part) => [part.partition, part.high])).toEqual([[0, String(markersEnd)]]);
    const [config] = (
      await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topics.redriven, configNames: ['cleanup.policy'] }],
      })
    ).resources;
    expect(config.configEntries.find((entry) => entry.configName === 'cleanup.policy')?.configValue).toBe('compact');
  });
});

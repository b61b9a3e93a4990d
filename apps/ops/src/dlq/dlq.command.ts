import { Kafka, Partitioners, Producer } from 'kafkajs';
import { TOPICS } from '@cashout/shared-contracts';
import { readTopicsToHighWatermarks, ReadRecord } from '../timeline/read-topics';
import { DeadLetter, deadLetterOf, DlqFilter, Marker, matchesAll, parseMarker, Redrive, redriveHeaders } from './dead-letter';

/** The topics the commands read and write; tests give their own, the CLI the catalogue's. */
export interface DlqTopics {
  deadLetter?: string;
  redriven?: string;
}

export interface DlqReadOptions extends DlqTopics {
  onProgress?: (done: number, total: number) => void;
}

export interface DeadLetters {
  topic: string;
  /** False when the dead-letter topic does not exist on the cluster (nothing dead-lettered yet). */
  exists: boolean;
  letters: DeadLetter[];
}

export interface RedriveOptions extends DlqReadOptions {
  filters: readonly DlqFilter[];
  dryRun: boolean;
  /** Dead letters re-driven per transaction (each with its marker); default 100. */
  perTransaction?: number;
  now?: () => Date;
}

export interface RedriveResult {
  topic: string;
  dryRun: boolean;
  /** Re-driven now (with --dry-run: would be). */
  redriven: DeadLetter[];
  /** Matching, but re-driven before (by an earlier run). */
  alreadyRedriven: DeadLetter[];
  /** Matching, but with nowhere to go back to: no x-dlt-topic, or that topic is gone from the cluster. */
  unroutable: DeadLetter[];
}

const namesOf = (topics: DlqTopics) => ({
  deadLetter: topics.deadLetter ?? TOPICS.deadLetter,
  redriven: topics.redriven ?? TOPICS.deadLetterRedriven,
});

/** Reads one topic whole (to the end it had at the start); the progress counts records of all reads. */
async function readAll(
  kafka: Kafka,
  topic: string,
  onRecord: (record: ReadRecord) => void,
  onProgress?: (done: number, total: number) => void,
): Promise<boolean> {
  const read = await readTopicsToHighWatermarks({ kafka, topics: [topic], onRecord, onProgress, groupPrefix: 'cashout-ops-dlq-' });
  return read.missingTopics.length === 0;
}

/**
 * The re-drive markers, the latest per dead letter. kafkajs consumers read committed records
 * only (isolationLevel READ_COMMITTED by default): a marker of an aborted re-drive is never seen.
 */
async function readMarkers(kafka: Kafka, topic: string): Promise<Map<string, Marker>> {
  const markers = new Map<string, Marker>();
  await readAll(kafka, topic, (record) => {
    const marker = parseMarker(record.value);
    if (record.key !== null && marker !== null) markers.set(record.key, marker);
  });
  return markers;
}

/** Every dead letter on the topic, in partition and offset order, with its re-drive status. */
export async function readDeadLetters(kafka: Kafka, options: DlqReadOptions = {}): Promise<DeadLetters> {
  const names = namesOf(options);
  const markers = await readMarkers(kafka, names.redriven);
  const records: ReadRecord[] = [];
  const exists = await readAll(kafka, names.deadLetter, (record) => records.push(record), options.onProgress);
  const letters = records.map((record) => deadLetterOf(record, markers));
  letters.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
  return { topic: names.deadLetter, exists, letters };
}

async function listTopics(kafka: Kafka): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await admin.listTopics();
  } finally {
    await admin.disconnect();
  }
}

/** The markers' topic: one partition (one ordered log of re-drives), compacted to one marker a dead letter. */
export async function ensureMarkerTopic(kafka: Kafka, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    if ((await admin.listTopics()).includes(topic)) return;
    await admin
      .createTopics({
        waitForLeaders: true,
        topics: [{ topic, numPartitions: 1, replicationFactor: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }],
      })
      .catch((error: unknown) => {
        // Another run created it meanwhile: what we wanted.
        if (!(error instanceof Error && /already exists/i.test(error.message))) throw error;
      });
  } finally {
    await admin.disconnect();
  }
}

/**
 * One transactional id per dead-letter topic: a run that starts fences off any earlier one
 * still going (or crashed mid-transaction), whose open transaction Kafka aborts, so the
 * markers read after `connect` are all the re-drives there will ever have been before ours.
 */
export const transactionalIdOf = (deadLetterTopic: string) => `cashout-ops-dlq-redrive.${deadLetterTopic}`;

/** Sends the dead letters and their markers in one transaction; the letters as now marked. */
async function sendOnce(producer: Producer, letters: readonly DeadLetter[], markerTopic: string, now: () => Date): Promise<DeadLetter[]> {
  const sent: DeadLetter[] = [];
  const transaction = await producer.transaction();
  try {
    for (const letter of letters) {
      const topic = letter.source.topic;
      if (!topic) continue;
      const marker: Redrive = { redrivenAt: now().toISOString(), topic };
      const written: Marker = { ...marker, deadLetteredAt: letter.deadLetteredAt };
      // The original key, so the message lands where its key's messages go now (the default partitioner, as the bus).
      await transaction.send({ topic, acks: -1, messages: [{ key: letter.key, value: letter.value, headers: redriveHeaders(letter) }] });
      await transaction.send({ topic: markerTopic, acks: -1, messages: [{ key: letter.id, value: JSON.stringify(written) }] });
      sent.push({ ...letter, redriven: marker });
    }
    await transaction.commit();
  } catch (error) {
    await transaction.abort().catch(() => undefined);
    throw error;
  }
  return sent;
}

/**
 * Republishes each matching dead letter not yet re-driven to its original topic, with its
 * marker in the same transaction: either both are written or neither, so a crash half-way
 * leaves every dead letter re-driven once or not at all, and the next run skips the former.
 */
export async function redrive(kafka: Kafka, options: RedriveOptions): Promise<RedriveResult> {
  const names = namesOf(options);
  const now = options.now ?? (() => new Date());
  let producer: Producer | undefined;
  try {
    if (!options.dryRun) {
      await ensureMarkerTopic(kafka, names.redriven);
      producer = kafka.producer({
        transactionalId: transactionalIdOf(names.deadLetter),
        maxInFlightRequests: 1,
        idempotent: true,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      // Connecting registers the transactional id (fencing any other run) before the markers are read.
      await producer.connect();
    }
    const { letters } = await readDeadLetters(kafka, { ...options, ...names });
    const matching = letters.filter((letter) => matchesAll(letter, options.filters));
    const alreadyRedriven = matching.filter((letter) => letter.redriven !== null);
    // A send to a topic that is gone would fail the whole transaction (the broker creates no topics).
    const existing = new Set(await listTopics(kafka));
    const routable = (letter: DeadLetter) => letter.source.topic !== null && existing.has(letter.source.topic);
    const unroutable = matching.filter((letter) => letter.redriven === null && !routable(letter));
    const due = matching.filter((letter) => letter.redriven === null && routable(letter));
    if (!producer) return { topic: names.deadLetter, dryRun: true, redriven: due, alreadyRedriven, unroutable };
    const redriven: DeadLetter[] = [];
    const size = Math.max(1, options.perTransaction ?? 100);
    for (let at = 0; at < due.length; at += size) redriven.push(...(await sendOnce(producer, due.slice(at, at + size), names.redriven, now)));
    return { topic: names.deadLetter, dryRun: false, redriven, alreadyRedriven, unroutable };
  } finally {
    await producer?.disconnect();
  }
}

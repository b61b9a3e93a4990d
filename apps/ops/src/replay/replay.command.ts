import { Admin, Kafka } from 'kafkajs';
import { parseMessage } from '@cashout/shared-contracts';
import type { InstalledCopy, ReplayDiff } from '@cashout/reporting';
import { readTopicsToHighWatermarks } from '../timeline/read-topics';
import { Projection } from './projections';

/** A replay that must not run now (its service is consuming): exit code 1, with the reason. */
export class ReplayRefused extends Error {}

export type ReplayFrom = { kind: 'beginning' } | { kind: 'since'; time: Date };

export interface ReplayRequest {
  from: ReplayFrom;
  dryRun: boolean;
  /** The services' BUS_GROUP_PREFIX: the projection's group is `<prefix><group>`. */
  groupPrefix: string;
  onProgress?: (done: number, total: number) => void;
}

export interface ReplayResult {
  projection: string;
  topic: string;
  groupId: string;
  from: 'beginning' | string;
  dryRun: boolean;
  /** Per partition: where the replay started and the end it read to (exclusive). */
  partitions: Array<{ partition: number; from: number; to: number }>;
  events: { read: number; applied: number; skipped: number; ignored: number; invalid: number };
  /** The first reasons of records that could not be read as messages. */
  invalidReasons: string[];
  diff: ReplayDiff;
  /** Absent on a dry run. */
  installed?: InstalledCopy;
}

async function refuseWhileConsuming(admin: Admin, groupId: string): Promise<void> {
  const [group] = (await admin.describeGroups([groupId])).groups;
  if (group && group.members.length > 0) {
    throw new ReplayRefused(
      `group ${groupId} has ${group.members.length} active member(s): stop the service first (its writes would race the swap), or use --dry-run`,
    );
  }
}

/** Per partition, the first offset at or after `from` (the end when there is none). */
async function startOffsets(
  admin: Admin,
  topic: string,
  ends: ReadonlyArray<{ partition: number; low: string; high: string }>,
  from: ReplayFrom,
): Promise<Map<number, number>> {
  if (from.kind === 'beginning') return new Map(ends.map(({ partition, low }) => [partition, Number(low)]));
  const byTime = await admin.fetchTopicOffsetsByTimestamp(topic, from.time.getTime());
  const high = new Map(ends.map(({ partition, high: end }) => [partition, Number(end)]));
  return new Map(byTime.map(({ partition, offset }) => [partition, Number(offset) < 0 ? (high.get(partition) ?? 0) : Number(offset)]));
}

/**
 * Rebuilds a projection from its topic: refuses while its service consumes (unless a dry
 * run), reads every event from the start (the topic's beginning, or the first offset at a
 * time) to the end it has when the replay starts, upcasts and folds them into a fresh copy,
 * reports what changes, then — unless a dry run — serves the copy and moves the group to
 * where the replay ended, so the service resumes with the events written meanwhile.
 */
export async function replayProjection(kafka: Kafka, projection: Projection, request: ReplayRequest): Promise<ReplayResult> {
  const groupId = `${request.groupPrefix}${projection.group}`;
  const { topic } = projection;
  const admin = kafka.admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic)) throw new ReplayRefused(`no topic named ${topic}`);
    if (!request.dryRun) await refuseWhileConsuming(admin, groupId);
    // The ends are read once, before any record: the group is later moved to them, never past
    // what was replayed (the reader may read further; those events are skipped by position).
    const offsets = await admin.fetchTopicOffsets(topic);
    const ends = new Map(offsets.map(({ partition, high }) => [partition, Number(high)]));
    const start = await startOffsets(admin, topic, offsets, request.from);
    const session = await projection.begin(start);
    const events = { read: 0, applied: 0, skipped: 0, ignored: 0, invalid: 0 };
    const invalidReasons: string[] = [];
    await readTopicsToHighWatermarks({
      kafka,
      topics: [topic],
      groupPrefix: 'cashout-ops-replay-',
      startAt: (_topic, partition) => start.get(partition),
      onProgress: request.onProgress,
      onRecord: (record) => {
        events.read += 1;
        let value: unknown;
        try {
          value = JSON.parse(record.value ?? '');
        } catch {
          value = undefined;
        }
        const parsed = parseMessage(value);
        if (!parsed.ok) {
          events.invalid += 1;
          if (invalidReasons.length < 5) invalidReasons.push(`${record.partition}@${record.offset}: ${parsed.reason}`);
          return;
        }
        events[session.apply(parsed.message, { partition: record.partition, offset: Number(record.offset) })] += 1;
      },
    });
    const partitions = [...start].sort(([a], [b]) => a - b).map(([partition, from]) => ({ partition, from, to: Math.max(from, ends.get(partition) ?? from) }));
    const result: ReplayResult = {
      projection: projection.name,
      topic,
      groupId,
      from: request.from.kind === 'beginning' ? 'beginning' : request.from.time.toISOString(),
      dryRun: request.dryRun,
      partitions,
      events,
      invalidReasons,
      diff: session.diff(),
    };
    if (request.dryRun) return result;
    await refuseWhileConsuming(admin, groupId);
    result.installed = await session.install();
    await admin.setOffsets({ groupId, topic, partitions: partitions.map(({ partition, to }) => ({ partition, offset: String(to) })) });
    return result;
  } finally {
    await admin.disconnect();
  }
}

import { Kafka } from 'kafkajs';
import type { OffsetTarget } from '../options';
import { table } from '../table';
import { CommittedOffset, PartitionEnds } from '../lag/lag';
import { committedOffsets } from '../lag/lag.command';

/** A group that cannot have its offsets moved now: exit code 1, with the reason. */
export class ResetRefused extends Error {}

export interface OffsetChange {
  partition: number;
  /** null: nothing committed before. */
  from: number | null;
  to: number;
}

export interface ResetResult {
  groupId: string;
  topic: string;
  to: OffsetTarget;
  dryRun: boolean;
  state: string;
  changes: OffsetChange[];
}

/** The offset of every partition of the topic at its earliest retained or its latest record. */
export function planReset(topic: string, committed: readonly CommittedOffset[], ends: readonly PartitionEnds[], to: OffsetTarget): OffsetChange[] {
  const before = new Map(committed.filter((entry) => entry.topic === topic).map((entry) => [entry.partition, Number(entry.offset)]));
  return [...ends]
    .sort((a, b) => a.partition - b.partition)
    .map((end) => {
      const was = before.get(end.partition);
      return { partition: end.partition, from: was === undefined || was < 0 ? null : was, to: Number(to === 'earliest' ? end.low : end.high) };
    });
}

/**
 * Moves the group's committed offsets on the topic; refused for a group that does not exist
 * or has members (they would overwrite the offsets with their next commit, and Kafka refuses
 * it anyway). `dryRun` reports the plan without applying it.
 */
export async function resetOffsets(kafka: Kafka, request: { groupId: string; topic: string; to: OffsetTarget; dryRun: boolean }): Promise<ResetResult> {
  const { groupId, topic, to, dryRun } = request;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [group] = (await admin.describeGroups([groupId])).groups;
    if (!group || group.state === 'Dead') throw new ResetRefused(`no consumer group named ${groupId}`);
    if (group.members.length > 0) {
      throw new ResetRefused(`group ${groupId} is ${group.state} with ${group.members.length} active member(s): stop its consumers first, then reset`);
    }
    if (!(await admin.listTopics()).includes(topic)) throw new ResetRefused(`no topic named ${topic}`);
    const ends = await admin.fetchTopicOffsets(topic);
    const changes = planReset(topic, await committedOffsets(admin, groupId, [topic]), ends, to);
    if (!dryRun) await admin.setOffsets({ groupId, topic, partitions: changes.map(({ partition, to: offset }) => ({ partition, offset: String(offset) })) });
    return { groupId, topic, to, dryRun, state: group.state, changes };
  } finally {
    await admin.disconnect();
  }
}

export function formatReset(result: ResetResult): string[] {
  const moved = result.changes.filter((change) => change.from !== change.to).length;
  const verb = result.dryRun ? 'would move' : 'moved';
  return [
    `group ${result.groupId} (${result.state}) on ${result.topic} to ${result.to}: ${verb} ${moved} of ${result.changes.length} partition(s)${result.dryRun ? ' (dry run, nothing changed)' : ''}`,
    ...table(
      ['partition', 'from', 'to'],
      result.changes.map((change) => [change.partition, change.from === null ? '-' : change.from, change.to]),
      '  ',
    ),
  ];
}

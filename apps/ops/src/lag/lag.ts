import { table } from '../table';

/** A partition's watermarks: `low` the first retained offset, `high` the next to be written. */
export interface PartitionEnds {
  partition: number;
  low: string;
  high: string;
}

/** An offset a group committed; '-1' (kafkajs) when it committed none on that partition. */
export interface CommittedOffset {
  topic: string;
  partition: number;
  offset: string;
}

export interface LagRow {
  topic: string;
  partition: number;
  /** null: nothing committed on this partition. */
  committed: number | null;
  end: number;
  /**
   * Records the group has still to read: end - committed; with nothing committed (or a
   * committed offset already removed by retention) every retained record, end - low.
   */
  lag: number;
}

export interface GroupLag {
  groupId: string;
  state: string;
  members: number;
  totalLag: number;
  partitions: LagRow[];
}

export function partitionLag(committed: string | null, ends: PartitionEnds): Pick<LagRow, 'committed' | 'end' | 'lag'> {
  const low = Number(ends.low);
  const end = Number(ends.high);
  const at = committed === null || Number(committed) < 0 ? null : Number(committed);
  if (at === null) return { committed: null, end, lag: Math.max(0, end - low) };
  return { committed: at, end, lag: Math.max(0, end - Math.max(at, low)) };
}

/**
 * A group's lag on every partition of the topics it committed offsets on (partitions it has not
 * committed on included, as `committed: null`), sorted by topic and partition.
 */
export function groupLag(
  group: { groupId: string; state: string; members: number },
  committed: readonly CommittedOffset[],
  endsOf: ReadonlyMap<string, readonly PartitionEnds[]>,
): GroupLag {
  const byPartition = new Map(committed.map((entry) => [`${entry.topic}\u0000${entry.partition}`, entry.offset]));
  const topics = [...new Set(committed.map((entry) => entry.topic))].sort();
  const partitions: LagRow[] = [];
  for (const topic of topics) {
    const ends = [...(endsOf.get(topic) ?? [])].sort((a, b) => a.partition - b.partition);
    for (const end of ends) {
      partitions.push({ topic, partition: end.partition, ...partitionLag(byPartition.get(`${topic}\u0000${end.partition}`) ?? null, end) });
    }
  }
  return { ...group, totalLag: partitions.reduce((sum, row) => sum + row.lag, 0), partitions };
}

export function formatLag(groups: readonly GroupLag[]): string[] {
  if (groups.length === 0) return ['no consumer group'];
  const lines: string[] = [];
  for (const group of groups) {
    lines.push(`group ${group.groupId}: ${group.state}, ${group.members} member(s), lag ${group.totalLag}`);
    if (group.partitions.length === 0) lines.push('  no committed offset');
    else
      lines.push(
        ...table(
          ['topic', 'partition', 'committed', 'end', 'lag'],
          group.partitions.map((row) => [row.topic, row.partition, row.committed === null ? '-' : row.committed, row.end, row.lag]),
          '  ',
        ),
      );
  }
  return lines;
}

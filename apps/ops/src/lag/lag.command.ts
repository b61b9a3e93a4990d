import { Admin, Kafka } from 'kafkajs';
import { CommittedOffset, GroupLag, groupLag, PartitionEnds } from './lag';

/** Every group's committed offsets against the ends of its topics; one group with `only`. */
export async function readLag(kafka: Kafka, only?: string): Promise<GroupLag[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const listed = (await admin.listGroups()).groups.map((group) => group.groupId);
    const groupIds = (only === undefined ? listed : listed.filter((id) => id === only)).sort();
    if (groupIds.length === 0) return [];
    const { groups } = await admin.describeGroups(groupIds);
    const endsOf = new Map<string, PartitionEnds[]>();
    const result: GroupLag[] = [];
    for (const description of groups.sort((a, b) => a.groupId.localeCompare(b.groupId))) {
      const committed = await committedOffsets(admin, description.groupId);
      for (const topic of new Set(committed.map((entry) => entry.topic))) {
        if (!endsOf.has(topic)) endsOf.set(topic, await admin.fetchTopicOffsets(topic));
      }
      result.push(groupLag({ groupId: description.groupId, state: description.state, members: description.members.length }, committed, endsOf));
    }
    return result;
  } finally {
    await admin.disconnect();
  }
}

export async function committedOffsets(admin: Admin, groupId: string, topics?: string[]): Promise<CommittedOffset[]> {
  const fetched = await admin.fetchOffsets({ groupId, ...(topics ? { topics } : {}) });
  return fetched.flatMap(({ topic, partitions }) => partitions.map(({ partition, offset }) => ({ topic, partition, offset })));
}

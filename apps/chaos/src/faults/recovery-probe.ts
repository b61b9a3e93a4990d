import { Admin, Kafka, logLevel } from 'kafkajs';

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** A back-end service's consumer group, found from the client ids of its members (`<service>-<instance>`). */
export interface ServiceGroup {
  groupId: string;
  service: string;
}

export interface FlowingTarget {
  groups: ServiceGroup[];
  /** Members each group must have again. */
  members: number;
  /** A client id that must be among the members (the restarted instance). */
  mustInclude?: string;
}

export interface FlowingResult {
  /** When every waiting partition had moved (Date.now()); absent if that did not happen in time. */
  at?: number;
  /** When the groups were last seen Stable with all their members. */
  stableAt?: number;
  /** The partitions that were the last to move (group/topic/partition and their lag). */
  lastWaiting: string[];
}

const serviceOfClient = (clientId: string) => clientId.replace(/-\d+$/, '');

/**
 * Tells when consumer groups are flowing again after a fault, from the broker's own view:
 * the group is Stable with all its members (the restarted one among them), and every
 * partition that had messages waiting has since had its committed offset move (or has none
 * waiting). That is what a flow needs, whichever partition its intent hashes to.
 */
export class RecoveryProbe {
  private readonly admin: Admin;
  private connected = false;

  constructor(
    brokers: string[],
    private readonly groupPrefix: string,
  ) {
    this.admin = new Kafka({ clientId: 'chaos-probe', brokers, logLevel: logLevel.NOTHING, retry: { retries: 0 } }).admin();
  }

  private async connect(): Promise<void> {
    if (this.connected) return;
    await this.admin.connect();
    this.connected = true;
  }

  /** The back-end services' groups of this stack (not the gateways' reply readers). */
  async serviceGroups(): Promise<ServiceGroup[]> {
    await this.connect();
    const { groups } = await this.admin.listGroups();
    const ours = groups.map((group) => group.groupId).filter((id) => id.startsWith(this.groupPrefix));
    const described = await this.admin.describeGroups(ours);
    return described.groups
      .filter((group) => group.members.length > 0)
      .map((group) => ({ groupId: group.groupId, service: serviceOfClient(group.members[0].clientId) }))
      .filter((group) => group.service !== 'gateway');
  }

  /**
   * Resolves with the time (Date.now()) at which the target flows, or undefined if it does
   * not within `timeoutMs`. Errors (the broker being down) only mean "not yet".
   */
  async whenFlowing(target: FlowingTarget, timeoutMs: number): Promise<FlowingResult> {
    const deadline = Date.now() + timeoutMs;
    let baseline: Map<string, bigint> | undefined;
    let stableAt: number | undefined;
    let lastWaiting: string[] = [];
    while (Date.now() < deadline) {
      try {
        await this.connect();
        if (!(await this.stable(target))) {
          baseline = undefined;
          stableAt = undefined;
        } else {
          stableAt ??= Date.now();
          const positions = await this.positions(target.groups);
          if (!baseline) baseline = new Map([...positions].map(([key, value]) => [key, value.committed]));
          const waiting = [...positions].filter(([key, value]) => value.lag > 0n && value.committed <= (baseline?.get(key) ?? -1n));
          if (waiting.length === 0) return { at: Date.now(), stableAt, lastWaiting };
          lastWaiting = waiting.map(([key, value]) => `${key.slice(this.groupPrefix.length)} (lag ${value.lag})`);
        }
      } catch {
        this.connected = false;
        baseline = undefined;
        stableAt = undefined;
      }
      await sleep(250);
    }
    return { stableAt, lastWaiting };
  }

  async close(): Promise<void> {
    await this.admin.disconnect().catch(() => undefined);
  }

  private async stable(target: FlowingTarget): Promise<boolean> {
    const { groups } = await this.admin.describeGroups(target.groups.map((group) => group.groupId));
    return groups.every(
      (group) =>
        group.state === 'Stable' &&
        group.members.length >= target.members &&
        (!target.mustInclude || group.members.some((member) => member.clientId === target.mustInclude)),
    );
  }

  /** Committed offset and lag of every partition the groups consume, keyed group/topic/partition. */
  private async positions(groups: ServiceGroup[]): Promise<Map<string, { committed: bigint; lag: bigint }>> {
    const out = new Map<string, { committed: bigint; lag: bigint }>();
    const ends = new Map<string, Map<number, bigint>>();
    for (const { groupId } of groups) {
      for (const { topic, partitions } of await this.admin.fetchOffsets({ groupId })) {
        if (!ends.has(topic)) {
          ends.set(topic, new Map((await this.admin.fetchTopicOffsets(topic)).map((entry) => [entry.partition, BigInt(entry.high)])));
        }
        for (const { partition, offset } of partitions) {
          const committed = BigInt(offset);
          const high = ends.get(topic)?.get(partition) ?? 0n;
          // A partition nothing was ever committed on (-1) counts as starting at its end.
          out.set(`${groupId}/${topic}/${partition}`, { committed, lag: committed < 0n ? 0n : high - committed });
        }
      }
    }
    return out;
  }
}

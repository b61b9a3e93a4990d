import { Injectable } from '@nestjs/common';
import { IntentStatus } from '@cashout/shared-contracts';
import { IntentFacts } from '../domain/intent-facts';
import { ReadModelRepository } from '../read-model.repository.port';

/** The read model in process memory (the embedded default): indexed by intent, by agent and by partition. */
@Injectable()
export class InMemoryReadModelRepository implements ReadModelRepository {
  private readonly intents = new Map<string, IntentFacts>();
  private readonly intentsByAgent = new Map<string, Set<string>>();
  private readonly agentUserIds = new Map<string, string>();
  private readonly lastOffsets = new Map<number, number>();

  async findIntent(intentId: string): Promise<IntentFacts | undefined> {
    const facts = this.intents.get(intentId);
    return facts ? structuredClone(facts) : undefined;
  }

  async save(facts: IntentFacts): Promise<void> {
    const stored = this.intents.get(facts.intentId);
    if (stored && stored.position.partition === facts.position.partition && facts.position.offset <= stored.position.offset) return;
    if (stored && stored.agentPhone !== facts.agentPhone) this.intentsByAgent.get(stored.agentPhone)?.delete(facts.intentId);
    this.intents.set(facts.intentId, structuredClone(facts));
    const ofAgent = this.intentsByAgent.get(facts.agentPhone) ?? new Set<string>();
    ofAgent.add(facts.intentId);
    this.intentsByAgent.set(facts.agentPhone, ofAgent);
    this.agentUserIds.set(facts.agentPhone, facts.agentUserId);
    const { partition, offset } = facts.position;
    this.lastOffsets.set(partition, Math.max(offset, this.lastOffsets.get(partition) ?? -1));
  }

  async lastAppliedOffset(partition: number): Promise<number | undefined> {
    return this.lastOffsets.get(partition);
  }

  async agentUserIdOf(agentPhone: string): Promise<string | undefined> {
    return this.agentUserIds.get(agentPhone);
  }

  async factsOfAgent(agentPhone: string, from: string, to: string): Promise<IntentFacts[]> {
    const ids = [...(this.intentsByAgent.get(agentPhone) ?? [])];
    return ids
      .map((id) => this.intents.get(id))
      .filter((facts): facts is IntentFacts => facts !== undefined && facts.day >= from && facts.day <= to)
      .map((facts) => structuredClone(facts));
  }

  async countByStatus(): Promise<Partial<Record<IntentStatus, number>>> {
    const counts: Partial<Record<IntentStatus, number>> = {};
    for (const { status } of this.intents.values()) counts[status] = (counts[status] ?? 0) + 1;
    return counts;
  }
}

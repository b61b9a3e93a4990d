import { IntentStatus } from '@cashout/shared-contracts';
import { IntentFacts } from './domain/intent-facts';

export const READ_MODEL_REPOSITORY = Symbol('READ_MODEL_REPOSITORY');

/**
 * The reporting read model: the facts of each intent, each stored with the position
 * (partition, offset) of the event it was computed from, in the same write. The last applied
 * offset of a partition is the highest position stored for it.
 */
export interface ReadModelRepository {
  findIntent(intentId: string): Promise<IntentFacts | undefined>;
  /**
   * Stores an intent's facts in one write. Facts from an event at or below the stored
   * position of the same partition are not written (a slower writer of an older event).
   */
  save(facts: IntentFacts): Promise<void>;
  /** The last applied offset in a partition, or undefined when nothing of it was applied. */
  lastAppliedOffset(partition: number): Promise<number | undefined>;
  /** The user id of the agent with this phone, once any of its intents was applied. */
  agentUserIdOf(agentPhone: string): Promise<string | undefined>;
  /** The facts of an agent's intents created on the UTC days from `from` to `to`, both included. */
  factsOfAgent(agentPhone: string, from: string, to: string): Promise<IntentFacts[]>;
  /** How many intents are in each status now (statuses without any are absent). */
  countByStatus(): Promise<Partial<Record<IntentStatus, number>>>;
}

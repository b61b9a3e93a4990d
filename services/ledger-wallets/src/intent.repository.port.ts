import { IntentStatus } from '@cashout/shared-contracts';
import { OutboxEntry, OutboxSource } from '@cashout/platform';
import { IntentPhase, IntentState } from './domain/intent';

export const INTENT_REPOSITORY = Symbol('INTENT_REPOSITORY');

/** The stored aggregate: its state, a version for optimistic concurrency, and its outbox. */
export interface IntentDocument extends IntentState {
  version: number;
  outbox: OutboxEntry[];
}

export interface IntentPage {
  items: IntentDocument[];
  nextCursor: string | null;
}

export interface IntentQuery {
  initiatorUserId?: string;
  status?: IntentStatus;
  limit: number;
  /** Opaque: the (createdAt, id) of the last item of the previous page. */
  cursor?: string;
}

/**
 * Intents with their embedded outbox: every state change and the messages it causes are
 * one document write. `update` succeeds only if nobody wrote the document in between.
 */
export interface IntentRepository extends OutboxSource {
  insert(document: IntentDocument): Promise<'inserted' | 'exists'>;
  findById(id: string): Promise<IntentDocument | undefined>;
  /**
   * Stores `state` iff the stored version is `state.version - 1`, appending `outbox` to the
   * stored outbox in the same atomic write.
   */
  update(state: Omit<IntentDocument, 'outbox'>, outbox: OutboxEntry[]): Promise<boolean>;
  list(query: IntentQuery): Promise<IntentPage>;
  /** Intents in one of `phases` whose deadline has passed. */
  findExpired(phases: readonly IntentPhase[], now: Date, limit: number): Promise<IntentDocument[]>;
  /** PROCESSING intents not updated since `before`: the saga resumes them after a crash. */
  findStalled(before: Date, limit: number): Promise<IntentDocument[]>;
}

import { IntentStatus } from '@cashout/shared-contracts';
import { StreamStore } from '@cashout/platform';
import { IntentPhase, IntentState } from './domain/intent';

export const INTENT_REPOSITORY = Symbol('INTENT_REPOSITORY');

export interface IntentPage {
  items: IntentState[];
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
 * Intents as streams: each line is the intent after one decision, with the messages the
 * decision causes (its outbox), written by one insert; a lost race means deciding again on
 * the line that won. The queries read the streams' head caches, which may lag a write
 * behind: whoever acts on a result re-reads the stream (`streams.latest`) first.
 */
export interface IntentRepository {
  readonly streams: StreamStore<IntentState>;
  /** The intent as its latest line says (exact: never a head cache that may lag a write). */
  findById(id: string): Promise<IntentState | undefined>;
  list(query: IntentQuery): Promise<IntentPage>;
  /** Intents in one of `phases` whose deadline has passed. */
  findExpired(phases: readonly IntentPhase[], now: Date, limit: number): Promise<IntentState[]>;
  /** Intents waiting for a step asked for before `before`: lost answers, crashed services. */
  findStalled(before: Date, limit: number): Promise<IntentState[]>;
}

export const encodeCursor = (state: IntentState): string => Buffer.from(`${state.createdAt}|${state.id}`).toString('base64url');

export function decodeCursor(cursor: string): { createdAt: string; id: string } | undefined {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  return createdAt && id ? { createdAt, id } : undefined;
}

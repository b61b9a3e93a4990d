import { IntentStatus } from '@cashout/shared-contracts';
import { StreamStore } from '@cashout/platform';
import { IntentPhase, IntentState, isPublic } from './domain/intent';

export const INTENT_REPOSITORY = Symbol('INTENT_REPOSITORY');

/** An intent's place in the list order, fixed at its creation: newest first, ties by id. */
export interface IntentPosition {
  createdAt: string;
  id: string;
}

export interface IntentPage {
  items: IntentState[];
  /** Where the next page starts (after the last item), or null when this one is the last. */
  next: IntentPosition | null;
}

/** What the list filters on; each field narrows, all combine. */
export interface IntentFilters {
  /** The intent's agent, by user id: an AGENT caller's own scope. */
  initiatorUserId?: string;
  status?: IntentStatus;
  agentPhone?: string;
  clientPhone?: string;
  /** Created at or after this instant (ISO 8601, UTC, as `createdAt` is written). */
  createdFrom?: string;
  /** Created before this instant. */
  createdBefore?: string;
}

export interface IntentQuery extends IntentFilters {
  limit: number;
  /** The intents after this position (the previous page's `next`). */
  after?: IntentPosition;
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

/** Whether `a` comes before `b` in creation order, (createdAt, id) ascending. */
export const precedes = (a: IntentPosition, b: IntentPosition): boolean => a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id);

/**
 * Whether an intent as it is now belongs in a list with these filters (public intents only):
 * the adapters' last word on what their indexes found, which may be a step behind.
 */
export function matchesFilters(state: IntentState, filters: IntentFilters): boolean {
  return (
    (filters.status ? state.phase === filters.status : isPublic(state.phase)) &&
    (filters.initiatorUserId === undefined || state.agent?.userId === filters.initiatorUserId) &&
    (filters.agentPhone === undefined || state.agent?.phone === filters.agentPhone) &&
    (filters.clientPhone === undefined || state.client?.phone === filters.clientPhone) &&
    (filters.createdFrom === undefined || state.createdAt >= filters.createdFrom) &&
    (filters.createdBefore === undefined || state.createdAt < filters.createdBefore)
  );
}

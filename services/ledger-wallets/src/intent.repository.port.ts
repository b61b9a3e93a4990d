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

const CURSOR_CREATED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const CURSOR_ID = /^[A-Za-z0-9_-]{1,100}$/;

/** The position a cursor of encodeCursor's names; undefined for anything else. */
export function decodeCursor(cursor: string): { createdAt: string; id: string } | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (parts.length !== 2) return undefined;
  const [createdAt, id] = parts;
  return CURSOR_CREATED_AT.test(createdAt) && !Number.isNaN(Date.parse(createdAt)) && CURSOR_ID.test(id) ? { createdAt, id } : undefined;
}

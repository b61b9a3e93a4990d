import { InMemoryStreamStore } from '@cashout/platform';
import { FINAL, IntentPhase, IntentState, isPublic } from '../domain/intent';
import { decodeCursor, encodeCursor, IntentPage, IntentQuery, IntentRepository } from '../intent.repository.port';

/** Newest first, ties broken by id: a stable order for cursor pagination. */
const newestFirst = (a: IntentState, b: IntentState) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);

export class InMemoryIntentRepository implements IntentRepository {
  /** The sweeper reads the intents still in progress only, as on MongoDB. */
  readonly streams = new InMemoryStreamStore<IntentState>({ live: (state) => !FINAL.includes(state.phase), retainHistory: false });

  async findById(id: string): Promise<IntentState | undefined> {
    return (await this.streams.latest(id))?.state;
  }

  async list(query: IntentQuery): Promise<IntentPage> {
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const matching = this.states()
      .filter(
        (state) =>
          isPublic(state.phase) &&
          (!query.initiatorUserId || state.agent?.userId === query.initiatorUserId) &&
          (!query.status || state.phase === query.status),
      )
      .sort(newestFirst)
      .filter((state) => !after || state.createdAt < after.createdAt || (state.createdAt === after.createdAt && state.id < after.id));
    const items = matching.slice(0, query.limit);
    const nextCursor = matching.length > query.limit ? encodeCursor(items[items.length - 1]) : null;
    return { items, nextCursor };
  }

  async findExpired(phases: readonly IntentPhase[], now: Date, limit: number): Promise<IntentState[]> {
    const iso = now.toISOString();
    return this.liveStates()
      .filter((state) => phases.includes(state.phase) && state.expiresAt <= iso)
      .slice(0, limit);
  }

  async findStalled(before: Date, limit: number): Promise<IntentState[]> {
    const iso = before.toISOString();
    return this.liveStates()
      .filter((state) => state.pending !== undefined && state.pending.since <= iso)
      .slice(0, limit);
  }

  private states(): IntentState[] {
    return this.streams.heads().map((line) => line.state);
  }

  private liveStates(): IntentState[] {
    return this.streams.liveHeads().map((line) => line.state);
  }
}

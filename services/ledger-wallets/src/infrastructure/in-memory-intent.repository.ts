import { InMemoryStreamStore } from '@cashout/platform';
import { FINAL, IntentPhase, IntentState, isPublic } from '../domain/intent';
import { decodeCursor, encodeCursor, IntentPage, IntentQuery, IntentRepository } from '../intent.repository.port';

/** An intent's place in the list order: (createdAt, id), fixed at its creation. */
interface Position {
  createdAt: string;
  id: string;
}

const precedes = (a: Position, b: Position) => a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id);

/** How many positions come before `position` in the ascending order. */
function rank(order: readonly Position[], position: Position): number {
  let low = 0;
  let high = order.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (precedes(order[middle], position)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Intents of the embedded default. The list reads an index of the intents by creation,
 * (createdAt, id) ascending, kept as each intent's stream starts (almost always at the
 * end), from the newest down: a page costs what it skips and returns, never a sort of
 * every intent. The sweeper reads the intents still in progress only, as on MongoDB.
 */
export class InMemoryIntentRepository implements IntentRepository {
  private readonly order: Position[] = [];
  readonly streams = new InMemoryStreamStore<IntentState>({
    live: (state) => !FINAL.includes(state.phase),
    retainHistory: false,
    created: (first) => {
      const position = { createdAt: first.state.createdAt, id: first.state.id };
      this.order.splice(rank(this.order, position), 0, position);
    },
  });

  async findById(id: string): Promise<IntentState | undefined> {
    return (await this.streams.latest(id))?.state;
  }

  /** Newest first, ties broken by id: a stable order for cursor pagination. */
  async list(query: IntentQuery): Promise<IntentPage> {
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const items: IntentState[] = [];
    for (let index = (after ? rank(this.order, after) : this.order.length) - 1; index >= 0 && items.length <= query.limit; index -= 1) {
      const state = this.streams.current(this.order[index].id)?.state;
      if (
        state &&
        isPublic(state.phase) &&
        (!query.initiatorUserId || state.agent?.userId === query.initiatorUserId) &&
        (!query.status || state.phase === query.status)
      ) {
        items.push(state);
      }
    }
    const page = items.slice(0, query.limit);
    const nextCursor = items.length > query.limit ? encodeCursor(page[page.length - 1]) : null;
    return { items: page, nextCursor };
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

  private liveStates(): IntentState[] {
    return this.streams.liveHeads().map((line) => line.state);
  }
}

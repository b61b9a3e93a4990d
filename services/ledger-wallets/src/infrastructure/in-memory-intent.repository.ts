import { AppendOutcome, InMemoryStreamStore, InMemoryStreamStoreOptions, StreamLine } from '@cashout/platform';
import { FINAL, IntentPhase, IntentState } from '../domain/intent';
import { IntentPage, IntentPosition, IntentQuery, IntentRepository, matchesFilters, precedes } from '../intent.repository.port';

/** How many positions come before `position` in the ascending order. */
function rank(order: readonly IntentPosition[], position: IntentPosition): number {
  let low = 0;
  let high = order.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (precedes(order[middle], position)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Inserts a position in its place, once (almost always at the end: intents arrive in order). */
function insertPosition(order: IntentPosition[], position: IntentPosition): void {
  const at = rank(order, position);
  if (order[at]?.id === position.id && order[at].createdAt === position.createdAt) return;
  order.splice(at, 0, position);
}

/** The index keys of an intent's parties, once they are known (resolved, then fixed). */
function partyKeys(state: IntentState | undefined): string[] {
  const keys: string[] = [];
  if (state?.agent) keys.push(`agent:${state.agent.userId}`, `agentPhone:${state.agent.phone}`);
  if (state?.client) keys.push(`clientPhone:${state.client.phone}`);
  return keys;
}

/**
 * The intents' streams, telling the repository of each line appended with its line before:
 * the parties are resolved after an intent's first line, so the `created` hook is too early
 * for them. (The base append reads and writes without awaiting: the line before it is the
 * one read here.)
 */
class IntentStreams extends InMemoryStreamStore<IntentState> {
  constructor(
    options: InMemoryStreamStoreOptions<IntentState>,
    private readonly appended: (before: IntentState | undefined, state: IntentState) => void,
  ) {
    super(options);
  }

  override async append(line: StreamLine<IntentState>): Promise<AppendOutcome<IntentState>> {
    const before = this.current(line.stream)?.state;
    const outcome = await super.append(line);
    if (outcome.kind === 'appended') this.appended(before, outcome.line.state);
    return outcome;
  }
}

/**
 * Intents of the embedded default. The list reads an index of the intents by creation,
 * (createdAt, id) ascending, kept as each intent's stream starts (almost always at the
 * end), from the newest down, and an index per agent and per client phone kept as the
 * parties are resolved: a page costs what it skips and returns in the narrowest index,
 * and a day range starts and stops the walk, never a sort of every intent. The sweeper
 * reads the intents still in progress only, as on MongoDB.
 */
export class InMemoryIntentRepository implements IntentRepository {
  private readonly order: IntentPosition[] = [];
  private readonly byParty = new Map<string, IntentPosition[]>();
  readonly streams = new IntentStreams(
    {
      live: (state) => !FINAL.includes(state.phase),
      retainHistory: false,
      created: (first) => insertPosition(this.order, { createdAt: first.state.createdAt, id: first.state.id }),
    },
    (before, state) => this.indexParties(before, state),
  );

  async findById(id: string): Promise<IntentState | undefined> {
    return (await this.streams.latest(id))?.state;
  }

  /** Newest first, ties broken by id: a stable order for cursor pagination. */
  async list(query: IntentQuery): Promise<IntentPage> {
    const order = this.narrowestIndex(query);
    let start = order.length;
    if (query.after) start = Math.min(start, rank(order, query.after));
    if (query.createdBefore !== undefined) start = Math.min(start, rank(order, { createdAt: query.createdBefore, id: '' }));
    const items: IntentState[] = [];
    for (let index = start - 1; index >= 0 && items.length <= query.limit; index -= 1) {
      if (query.createdFrom !== undefined && order[index].createdAt < query.createdFrom) break;
      const state = this.streams.current(order[index].id)?.state;
      if (state && matchesFilters(state, query)) items.push(state);
    }
    const page = items.slice(0, query.limit);
    const last = page[page.length - 1];
    return { items: page, next: items.length > query.limit ? { createdAt: last.createdAt, id: last.id } : null };
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

  /** A party filter names one index; matchesFilters still checks every filter on the intent as it is. */
  private narrowestIndex(query: IntentQuery): readonly IntentPosition[] {
    const key =
      query.clientPhone !== undefined
        ? `clientPhone:${query.clientPhone}`
        : query.agentPhone !== undefined
          ? `agentPhone:${query.agentPhone}`
          : query.initiatorUserId !== undefined
            ? `agent:${query.initiatorUserId}`
            : undefined;
    return key === undefined ? this.order : (this.byParty.get(key) ?? []);
  }

  private indexParties(before: IntentState | undefined, state: IntentState): void {
    const known = new Set(partyKeys(before));
    for (const key of partyKeys(state)) {
      if (known.has(key)) continue;
      const positions = this.byParty.get(key) ?? [];
      insertPosition(positions, { createdAt: state.createdAt, id: state.id });
      this.byParty.set(key, positions);
    }
  }
}

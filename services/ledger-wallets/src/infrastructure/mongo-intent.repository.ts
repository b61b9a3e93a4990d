import { Connection, mongo } from 'mongoose';
import { MongoStreamStore } from '@cashout/platform/mongo';
import { FINAL, IntentPhase, IntentState, PUBLIC_PHASES } from '../domain/intent';
import { IntentPage, IntentQuery, IntentRepository, matchesFilters, precedes } from '../intent.repository.port';

const INTENT_LINES = 'intent_lines';
const AGENT_PHONE = 'state.agent.phone';
const CLIENT_PHONE = 'state.client.phone';

/** What the queries filter and sort on, copied to the top level of each head record. */
const headFields = (state: IntentState) => ({
  phase: state.phase,
  agentUserId: state.agent?.userId,
  createdAt: state.createdAt,
  expiresAt: state.expiresAt,
  pendingSince: state.pending?.since,
});

/** Newest first, comparing as the server sorts strings (by code unit, not by locale). */
const descending = (a: string, b: string): number => (a < b ? 1 : a > b ? -1 : 0);

type HeadFilter = mongo.Filter<{ _id: string } & Record<string, unknown>>;

/** Intents on MongoDB: a stream of lines per intent, and queries over the head records. */
export class MongoIntentRepository implements IntentRepository {
  private constructor(readonly streams: MongoStreamStore<IntentState>) {}

  static async create(connection: Connection): Promise<MongoIntentRepository> {
    const streams = await MongoStreamStore.create<IntentState>(connection, INTENT_LINES, {
      headFields,
      headIndexes: [
        // The agent's history and the back office's list: newest first, (createdAt, id) cursor.
        { fields: { agentUserId: 1, createdAt: -1, _id: -1 } },
        { fields: { phase: 1, createdAt: -1, _id: -1 } },
        // The console's filters by party, newest first, a day range within. On the state the
        // head already holds, not on a top-level copy: a copy would miss every intent that
        // ended before it existed (a head is rewritten only when its intent moves).
        { fields: { [AGENT_PHONE]: 1, createdAt: -1, _id: -1 } },
        { fields: { [CLIENT_PHONE]: 1, createdAt: -1, _id: -1 } },
      ],
      // The sweeper reads the intents still in progress only: expired ones by phase, steps waiting too long.
      live: (state) => !FINAL.includes(state.phase),
      liveIndexes: [{ fields: { phase: 1, expiresAt: 1 } }, { fields: { pendingSince: 1 } }],
    });
    return new MongoIntentRepository(streams);
  }

  async findById(id: string): Promise<IntentState | undefined> {
    return (await this.streams.latest(id))?.state;
  }

  /**
   * Newest first. An intent in progress has its latest line in the live records and only its
   * first in the heads: the heads' page is read with room for the live ones, which replace
   * their stale heads and are filtered here (the live collection is small).
   */
  async list(query: IntentQuery): Promise<IntentPage> {
    const filter: HeadFilter = { phase: query.status ?? { $in: [...PUBLIC_PHASES] } };
    if (query.initiatorUserId !== undefined) filter.agentUserId = query.initiatorUserId;
    if (query.agentPhone !== undefined) filter[AGENT_PHONE] = query.agentPhone;
    if (query.clientPhone !== undefined) filter[CLIENT_PHONE] = query.clientPhone;
    const created: Record<string, string> = {};
    if (query.createdFrom !== undefined) created.$gte = query.createdFrom;
    if (query.createdBefore !== undefined) created.$lt = query.createdBefore;
    if (Object.keys(created).length > 0) filter.createdAt = created;
    const after = query.after;
    if (after) filter.$or = [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, _id: { $lt: after.id } }];
    const live = new Map((await this.streams.live.find({}).toArray()).map((record) => [record._id, record]));
    const heads = await this.streams.heads
      .find(filter)
      .sort({ createdAt: -1, _id: -1 })
      .limit(query.limit + 1 + live.size)
      .toArray();
    // Whichever of a stream's two records is at the later line says where it stands.
    for (const head of heads) if ((live.get(head._id)?.seq ?? 0) < head.seq) live.delete(head._id);
    const matches = (state: IntentState) => matchesFilters(state, query) && (!after || precedes(state, after));
    const records = [
      ...heads.filter((head) => !live.has(head._id)).map((head) => head.state),
      ...[...live.values()].map((record) => record.state).filter(matches),
    ]
      .sort((a, b) => descending(a.createdAt, b.createdAt) || descending(a.id, b.id))
      .slice(0, query.limit + 1);
    const items = records.slice(0, query.limit);
    const last = items[items.length - 1];
    return { items, next: records.length > query.limit ? { createdAt: last.createdAt, id: last.id } : null };
  }

  async findExpired(phases: readonly IntentPhase[], now: Date, limit: number): Promise<IntentState[]> {
    const filter: HeadFilter = { phase: { $in: [...phases] }, expiresAt: { $lte: now.toISOString() } };
    return (await this.streams.live.find(filter).limit(limit).toArray()).map((record) => record.state);
  }

  async findStalled(before: Date, limit: number): Promise<IntentState[]> {
    const filter: HeadFilter = { pendingSince: { $lte: before.toISOString() } };
    return (await this.streams.live.find(filter).limit(limit).toArray()).map((record) => record.state);
  }
}

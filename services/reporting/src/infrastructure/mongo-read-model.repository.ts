import { Connection, mongo } from 'mongoose';
import { isDuplicateKey, nativeCollection, syncIndexes } from '@cashout/platform';
import { IntentFacts } from '../domain/intent-facts';
import { ReadModelRepository } from '../read-model.repository.port';

type FactsRecord = Omit<IntentFacts, 'intentId'> & { _id: string };

const INTENTS = 'intents';

const toFacts = ({ _id, ...facts }: FactsRecord): IntentFacts => ({ intentId: _id, ...facts });

/**
 * The read model on MongoDB: one document per intent, _id the intent id, holding its facts
 * and the position of the event they come from, written whole in one replace. Indexed by
 * agent and day (the reports) and by partition and offset (the last applied offset).
 */
export class MongoReadModelRepository implements ReadModelRepository {
  private constructor(private readonly intents: mongo.Collection<FactsRecord>) {}

  static async create(connection: Connection): Promise<MongoReadModelRepository> {
    await syncIndexes(connection, INTENTS, [
      { fields: { agentPhone: 1, day: 1 } },
      { fields: { 'position.partition': 1, 'position.offset': -1 } },
    ]);
    return new MongoReadModelRepository(nativeCollection<FactsRecord>(connection, INTENTS));
  }

  async findIntent(intentId: string): Promise<IntentFacts | undefined> {
    const record = await this.intents.findOne({ _id: intentId });
    return record ? toFacts(record) : undefined;
  }

  async save(facts: IntentFacts): Promise<void> {
    const { intentId, ...fields } = facts;
    const { partition, offset } = facts.position;
    try {
      // Replaces facts of an older event (or of another partition); matches nothing when newer
      // facts are stored, and then the upsert's insert meets the existing _id: nothing to do.
      await this.intents.replaceOne(
        { _id: intentId, $or: [{ 'position.partition': { $ne: partition } }, { 'position.offset': { $lt: offset } }] },
        fields,
        { upsert: true },
      );
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  async lastAppliedOffset(partition: number): Promise<number | undefined> {
    const [latest] = await this.intents.find({ 'position.partition': partition }).sort({ 'position.offset': -1 }).limit(1).toArray();
    return latest?.position.offset;
  }

  async agentUserIdOf(agentPhone: string): Promise<string | undefined> {
    const record = await this.intents.findOne({ agentPhone });
    return record?.agentUserId;
  }

  async factsOfAgent(agentPhone: string, from: string, to: string): Promise<IntentFacts[]> {
    const records = await this.intents.find({ agentPhone, day: { $gte: from, $lte: to } }).toArray();
    return records.map(toFacts);
  }
}

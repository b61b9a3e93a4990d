import { Connection, mongo } from 'mongoose';
import { isDuplicateKey, nativeCollection } from '@cashout/platform/mongo';
import { IntentStatus } from '@cashout/shared-contracts';
import { IntentFacts } from '../domain/intent-facts';
import { ReadModelRepository } from '../read-model.repository.port';
import { FactsRecord, indexCopy, servedCopy, toFacts } from './mongo-read-model.copies';

/**
 * The read model on MongoDB: one document per intent, _id the intent id, holding its facts
 * and the position of the event they come from, written whole in one replace. It works on
 * the copy served when it starts (a replay installs a new one while the service is stopped).
 */
export class MongoReadModelRepository implements ReadModelRepository {
  private constructor(private readonly intents: mongo.Collection<FactsRecord>) {}

  static async create(connection: Connection): Promise<MongoReadModelRepository> {
    const copy = await servedCopy(connection);
    await indexCopy(connection, copy);
    return new MongoReadModelRepository(nativeCollection<FactsRecord>(connection, copy));
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
      await this.intents.replaceOne({ _id: intentId, $or: [{ 'position.partition': { $ne: partition } }, { 'position.offset': { $lt: offset } }] }, fields, {
        upsert: true,
      });
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

  async countByStatus(): Promise<Partial<Record<IntentStatus, number>>> {
    const groups = await this.intents.aggregate<{ _id: IntentStatus; count: number }>([{ $group: { _id: '$status', count: { $sum: 1 } } }]).toArray();
    return Object.fromEntries(groups.map(({ _id, count }) => [_id, count]));
  }
}

import { Connection, mongo } from 'mongoose';
import { WhitelistRepository } from '../whitelist.repository.port';
import { isDuplicateKey, nativeCollection, syncIndexes } from '@cashout/platform/mongo';

/** The phone is the _id: adding it twice is a no-op. */
interface WhitelistRecord {
  _id: string;
}

const WHITELIST = 'whitelist';

export class MongoWhitelistRepository implements WhitelistRepository {
  private constructor(private readonly entries: mongo.Collection<WhitelistRecord>) {}

  static async create(connection: Connection): Promise<MongoWhitelistRepository> {
    await syncIndexes(connection, WHITELIST, []);
    return new MongoWhitelistRepository(nativeCollection<WhitelistRecord>(connection, WHITELIST));
  }

  async add(phones: readonly string[]): Promise<void> {
    for (const phone of new Set(phones)) {
      try {
        await this.entries.insertOne({ _id: phone });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    }
  }

  async contains(phone: string): Promise<boolean> {
    return (await this.entries.countDocuments({ _id: phone }, { limit: 1 })) > 0;
  }
}

import { Connection, mongo } from 'mongoose';
import { VersionedDocuments } from '@cashout/platform';
import { isDuplicateKey, MongoStreamStore, nativeCollection, syncIndexes } from '@cashout/platform/mongo';
import { UserDocument } from '../user.repository.port';
import { StreamUserRepository } from './stream-user.repository';

const USER_LINES = 'user_lines';
const USER_PHONES = 'user_phones';

type PhoneRecord = { _id: string; userId: string };

/** Users on MongoDB: each user a stream of versions, each phone an insert-once record. */
export class MongoUserRepository {
  static async create(connection: Connection): Promise<StreamUserRepository> {
    const streams = await MongoStreamStore.create<Omit<UserDocument, 'version'>>(connection, USER_LINES);
    await syncIndexes(connection, USER_PHONES, []);
    const phones = nativeCollection<PhoneRecord>(connection, USER_PHONES);
    return new StreamUserRepository(new VersionedDocuments<UserDocument>(streams), {
      claim: async (phone, userId) => {
        try {
          await phones.insertOne({ _id: phone, userId });
          return userId;
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
          return (await phones.findOne({ _id: phone }))?.userId ?? userId;
        }
      },
      owner: async (phone) => (await phones.findOne({ _id: phone } as mongo.Filter<PhoneRecord>))?.userId,
    });
  }
}

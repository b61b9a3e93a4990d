import { Connection, mongo } from 'mongoose';
import { CustomerProfileRepository, PhoneTakenError } from '../customer-profile.repository.port';
import { CustomerProfile } from '../domain/customer-profile';
import { isDuplicateKey, nativeCollection, syncIndexes } from '@cashout/platform/mongo';

type ProfileRecord = Omit<CustomerProfile, 'userId'> & { _id: string };

const PROFILES = 'profiles';

const toProfile = ({ _id, ...profile }: ProfileRecord): CustomerProfile => ({ userId: _id, ...profile });

/**
 * Customer profiles on MongoDB: _id is the user id, the phone has a unique index. A profile
 * is written whole (seeding), so concurrent writers of one profile write the same document.
 */
export class MongoCustomerProfileRepository implements CustomerProfileRepository {
  private constructor(private readonly profiles: mongo.Collection<ProfileRecord>) {}

  static async create(connection: Connection): Promise<MongoCustomerProfileRepository> {
    await syncIndexes(connection, PROFILES, [{ fields: { phone: 1 }, options: { unique: true } }]);
    return new MongoCustomerProfileRepository(nativeCollection<ProfileRecord>(connection, PROFILES));
  }

  async findByPhone(phone: string): Promise<CustomerProfile | undefined> {
    const record = await this.profiles.findOne({ phone });
    return record ? toProfile(record) : undefined;
  }

  async findByUserId(userId: string): Promise<CustomerProfile | undefined> {
    const record = await this.profiles.findOne({ _id: userId });
    return record ? toProfile(record) : undefined;
  }

  async upsert(profile: CustomerProfile): Promise<void> {
    const { userId, ...fields } = profile;
    // A whole-document replace: optional fields the new profile lacks disappear.
    const write = () => this.profiles.replaceOne({ _id: userId }, fields, { upsert: true });
    try {
      try {
        await write();
      } catch (error) {
        // Two first upserts of one id raced to insert it: the loser replaces the winner.
        if (!isDuplicateKey(error) || !(await this.profiles.findOne({ _id: userId }))) throw error;
        await write();
      }
    } catch (error) {
      if (isDuplicateKey(error)) throw new PhoneTakenError(userId);
      throw error;
    }
  }
}

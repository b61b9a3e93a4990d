import { Injectable } from '@nestjs/common';
import { DuplicateKeyError, InMemoryCollection } from '@cashout/platform';
import { CustomerProfileRepository, PhoneTakenError } from '../customer-profile.repository.port';
import { CustomerProfile } from '../domain/customer-profile';

interface ProfileDocument extends CustomerProfile {
  id: string;
  version: number;
}

const toProfile = ({ id: _id, version: _version, ...profile }: ProfileDocument): CustomerProfile => profile;

@Injectable()
export class InMemoryCustomerProfileRepository implements CustomerProfileRepository {
  private readonly profiles = new InMemoryCollection<ProfileDocument>();

  async findByPhone(phone: string): Promise<CustomerProfile | undefined> {
    const [found] = await this.profiles.find((profile) => profile.phone === phone);
    return found ? toProfile(found) : undefined;
  }

  async findByUserId(userId: string): Promise<CustomerProfile | undefined> {
    const found = await this.profiles.findById(userId);
    return found ? toProfile(found) : undefined;
  }

  async upsert(profile: CustomerProfile): Promise<void> {
    // The phone is unique, as the MongoDB unique index enforces it.
    const [holder] = await this.profiles.find((candidate) => candidate.phone === profile.phone && candidate.id !== profile.userId);
    if (holder) throw new PhoneTakenError(profile.userId);
    const stored = await this.profiles.update(profile.userId, (current) => ({
      ...profile,
      id: profile.userId,
      version: current.version + 1,
    }));
    if (stored) return;
    try {
      await this.profiles.insert({ ...profile, id: profile.userId, version: 1 });
    } catch (error) {
      // A concurrent first upsert of the same user inserted it: replace that one instead.
      if (!(error instanceof DuplicateKeyError)) throw error;
      await this.profiles.update(profile.userId, (current) => ({ ...profile, id: profile.userId, version: current.version + 1 }));
    }
  }
}

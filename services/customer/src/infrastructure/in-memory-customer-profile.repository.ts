import { Injectable } from '@nestjs/common';
import { DuplicateKeyError, InMemoryCollection } from '@cashout/platform';
import { CustomerProfileRepository, PhoneTakenError } from '../customer-profile.repository.port';
import { CustomerProfile } from '../domain/customer-profile';

interface ProfileDocument extends CustomerProfile {
  id: string;
  version: number;
}

const toProfile = ({ id: _id, version: _version, ...profile }: ProfileDocument): CustomerProfile => profile;

/** Profiles by user id, and indexed by phone (unique): every party resolution reads by phone. */
@Injectable()
export class InMemoryCustomerProfileRepository implements CustomerProfileRepository {
  private readonly profiles = new InMemoryCollection<ProfileDocument>();
  private readonly userIdByPhone = new Map<string, string>();

  async findByPhone(phone: string): Promise<CustomerProfile | undefined> {
    const userId = this.userIdByPhone.get(phone);
    return userId === undefined ? undefined : this.findByUserId(userId);
  }

  async findByUserId(userId: string): Promise<CustomerProfile | undefined> {
    const found = await this.profiles.findById(userId);
    return found ? toProfile(found) : undefined;
  }

  async upsert(profile: CustomerProfile): Promise<void> {
    // The phone is unique, as the MongoDB unique index enforces it.
    const holder = this.userIdByPhone.get(profile.phone);
    if (holder !== undefined && holder !== profile.userId) throw new PhoneTakenError(profile.userId);
    // Taken before any await, as the MongoDB unique index would: a concurrent upsert of another user with this phone is refused.
    this.userIdByPhone.set(profile.phone, profile.userId);
    let previousPhone: string | undefined;
    const replace = (current: ProfileDocument): ProfileDocument => {
      previousPhone = current.phone;
      return { ...profile, id: profile.userId, version: current.version + 1 };
    };
    const stored = await this.profiles.update(profile.userId, replace);
    if (!stored) {
      try {
        await this.profiles.insert({ ...profile, id: profile.userId, version: 1 });
      } catch (error) {
        // A concurrent first upsert of the same user inserted it: replace that one instead.
        if (!(error instanceof DuplicateKeyError)) throw error;
        await this.profiles.update(profile.userId, replace);
      }
    }
    if (previousPhone !== undefined && previousPhone !== profile.phone && this.userIdByPhone.get(previousPhone) === profile.userId) {
      this.userIdByPhone.delete(previousPhone);
    }
  }
}

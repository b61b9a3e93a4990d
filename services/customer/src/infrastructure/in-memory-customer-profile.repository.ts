import { Injectable } from '@nestjs/common';
import { InMemoryCollection } from '@cashout/platform';
import { CustomerProfileRepository } from '../customer-profile.repository.port';
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
    const stored = await this.profiles.update(profile.userId, (current) => ({
      ...profile,
      id: profile.userId,
      version: current.version + 1,
    }));
    if (!stored) await this.profiles.insert({ ...profile, id: profile.userId, version: 1 });
  }
}

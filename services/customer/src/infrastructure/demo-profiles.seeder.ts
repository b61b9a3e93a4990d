import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DEMO_USERS } from '@cashout/platform';
import { CUSTOMER_PROFILE_REPOSITORY, CustomerProfileRepository } from '../customer-profile.repository.port';
import { profileOf } from './seed-profiles';

export const SEED_DEMO_PROFILES = Symbol('SEED_DEMO_PROFILES');

/** Seeds the customer part of the demo data: every demo user with a profile (agents, clients). */
@Injectable()
export class DemoProfilesSeeder implements OnModuleInit {
  private readonly logger = new Logger(DemoProfilesSeeder.name);

  constructor(
    @Inject(SEED_DEMO_PROFILES) private readonly enabled: boolean,
    @Inject(CUSTOMER_PROFILE_REPOSITORY) private readonly profiles: CustomerProfileRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.enabled) return;
    let seeded = 0;
    for (const user of DEMO_USERS) {
      const profile = profileOf(user);
      if (!profile) continue;
      await this.profiles.upsert(profile);
      seeded += 1;
    }
    this.logger.log(`seeded ${seeded} demo customer profiles`);
  }
}

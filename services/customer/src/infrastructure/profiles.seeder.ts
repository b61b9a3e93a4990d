import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DemoUser, forEachConcurrently, SEED_PLAN, SEEDING_CONCURRENCY, SeedPlan, seededUsers } from '@cashout/platform';
import { CUSTOMER_PROFILE_REPOSITORY, CustomerProfileRepository } from '../customer-profile.repository.port';
import { CustomerProfile } from '../domain/customer-profile';

/** The customer profile of a seeded user; staff (admin, operator) have none. */
function profileOf(user: DemoUser): CustomerProfile | undefined {
  if (!user.profile || (user.role !== 'AGENT' && user.role !== 'CLIENT')) return undefined;
  return {
    userId: user.userId,
    phone: user.phone,
    role: user.role,
    kycTier: user.profile.kycTier,
    status: user.profile.status,
    ...(user.profile.preferredChannel ? { preferredChannel: user.profile.preferredChannel } : {}),
  };
}

/**
 * Seeds the customer part of the demo and load data (SEED_PLAN): the profiles of the agents
 * and clients. A profile already there is left as it is, so a restart against a kept
 * database rewrites nothing; two instances seeding at once may both write one profile, the
 * same document (upsert), which is harmless.
 */
@Injectable()
export class ProfilesSeeder implements OnModuleInit {
  private readonly logger = new Logger(ProfilesSeeder.name);

  constructor(
    @Inject(SEED_PLAN) private readonly plan: SeedPlan,
    @Inject(CUSTOMER_PROFILE_REPOSITORY) private readonly profiles: CustomerProfileRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    const profiles = seededUsers(this.plan).flatMap((user) => profileOf(user) ?? []);
    if (profiles.length === 0) return;
    let created = 0;
    await forEachConcurrently(profiles, SEEDING_CONCURRENCY, async (profile) => {
      if (await this.profiles.findByUserId(profile.userId)) return;
      await this.profiles.upsert(profile);
      created += 1;
    });
    this.logger.log(`seeded ${created} of ${profiles.length} customer profiles (the others existed)`);
  }
}

import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { LoadSeed, forEachConcurrently, loadUsers } from '@cashout/platform';
import { CUSTOMER_PROFILE_REPOSITORY, CustomerProfileRepository } from '../customer-profile.repository.port';
import { profileOf } from './seed-profiles';

export const SEED_LOAD_PROFILES = Symbol('SEED_LOAD_PROFILES');

/**
 * Seeds the customer part of the load data: the profiles of the load clients and agents.
 * upsert writes the same profile again on a restart or from a second instance: harmless.
 */
@Injectable()
export class LoadProfilesSeeder implements OnModuleInit {
  private readonly logger = new Logger(LoadProfilesSeeder.name);

  constructor(
    @Inject(SEED_LOAD_PROFILES) private readonly seed: LoadSeed,
    @Inject(CUSTOMER_PROFILE_REPOSITORY) private readonly profiles: CustomerProfileRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    const profiles = loadUsers(this.seed).flatMap((user) => profileOf(user) ?? []);
    if (profiles.length === 0) return;
    await forEachConcurrently(profiles, 16, (profile) => this.profiles.upsert(profile));
    this.logger.log(`seeded ${profiles.length} load customer profiles`);
  }
}

import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { LoadSeed, forEachConcurrently, loadUsers } from '@cashout/platform';
import { AUTH_CONFIG, AuthConfig } from '../auth.config';
import { HASHER, Hasher } from '../hasher.port';
import { USER_REPOSITORY, UserRepository } from '../user.repository.port';
import { PinHashes, seedUser } from './seed-users';

export const SEED_LOAD = Symbol('AUTH_SEED_LOAD');

/** Seeds auth's part of the load data (SEED_LOAD_CLIENTS, SEED_LOAD_AGENTS): users and PIN hashes. */
@Injectable()
export class LoadUsersSeeder implements OnModuleInit {
  private readonly logger = new Logger(LoadUsersSeeder.name);

  constructor(
    @Inject(SEED_LOAD) private readonly seed: LoadSeed,
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    @Inject(HASHER) private readonly hasher: Hasher,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const users = loadUsers(this.seed);
    if (users.length === 0) return;
    const pinHashes = new PinHashes(this.hasher, this.config.bcryptCostPin);
    let created = 0;
    await forEachConcurrently(users, 16, async (user) => {
      if (await seedUser(this.users, user, pinHashes)) created += 1;
    });
    this.logger.log(`seeded ${created} of ${users.length} load users (the others existed)`);
  }
}

import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DEMO_USERS } from '@cashout/platform';
import { AUTH_CONFIG, AuthConfig } from '../auth.config';
import { HASHER, Hasher } from '../hasher.port';
import { USER_REPOSITORY, UserRepository } from '../user.repository.port';
import { PinHashes, seedUser } from './seed-users';

export const SEED_DEMO = Symbol('AUTH_SEED_DEMO');

/** Seeds auth's part of the demo data: the users and their hashed PINs (SEED_DEMO). */
@Injectable()
export class DemoUsersSeeder implements OnModuleInit {
  private readonly logger = new Logger(DemoUsersSeeder.name);

  constructor(
    @Inject(SEED_DEMO) private readonly seedDemo: boolean,
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    @Inject(HASHER) private readonly hasher: Hasher,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.seedDemo) return;
    const pinHashes = new PinHashes(this.hasher, this.config.bcryptCostPin);
    const created = await Promise.all(DEMO_USERS.map((demo) => seedUser(this.users, demo, pinHashes)));
    this.logger.log(`seeded ${created.filter(Boolean).length} demo users`);
  }
}

import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DemoUser, forEachConcurrently, SEED_PLAN, SEEDING_CONCURRENCY, SeedPlan, seededUsers } from '@cashout/platform';
import { AUTH_CONFIG, AuthConfig } from '../auth.config';
import { HASHER, Hasher } from '../hasher.port';
import { USER_REPOSITORY, UserRepository } from '../user.repository.port';

/**
 * One bcrypt hash per distinct PIN for a whole seeding run: seeded users share a handful of
 * PINs, and hashing each user's at the configured cost would make a thousand load users take
 * minutes. Every hash still verifies its PIN; only the salt is shared (seed data only).
 */
class PinHashes {
  private readonly hashes = new Map<string, Promise<string>>();

  constructor(
    private readonly hasher: Hasher,
    private readonly cost: number,
  ) {}

  of(pin: string): Promise<string> {
    let hash = this.hashes.get(pin);
    if (!hash) {
      hash = this.hasher.hash(pin, this.cost);
      this.hashes.set(pin, hash);
    }
    return hash;
  }
}

/** Seeds auth's part of the demo and load data (SEED_PLAN): the users and their hashed PINs. */
@Injectable()
export class UsersSeeder implements OnModuleInit {
  private readonly logger = new Logger(UsersSeeder.name);

  constructor(
    @Inject(SEED_PLAN) private readonly plan: SeedPlan,
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    @Inject(HASHER) private readonly hasher: Hasher,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const users = seededUsers(this.plan);
    if (users.length === 0) return;
    const pinHashes = new PinHashes(this.hasher, this.config.bcryptCostPin);
    let created = 0;
    await forEachConcurrently(users, SEEDING_CONCURRENCY, async (user) => {
      if (await this.seed(user, pinHashes)) created += 1;
    });
    this.logger.log(`seeded ${created} of ${users.length} users (the others existed)`);
  }

  /**
   * Inserts the user unless it exists. False when it already does: a restart against a kept
   * database, or another instance seeding at the same time (save refuses a duplicate id or
   * phone), seeds nothing twice.
   */
  private async seed(user: DemoUser, pinHashes: PinHashes): Promise<boolean> {
    if (await this.users.findById(user.userId)) return false;
    return this.users.save({
      id: user.userId,
      version: 1,
      role: user.role,
      phone: user.phone,
      pinHash: await pinHashes.of(user.pin),
      failures: 0,
      locked: false,
      pinChecks: [],
      logins: [],
    });
  }
}

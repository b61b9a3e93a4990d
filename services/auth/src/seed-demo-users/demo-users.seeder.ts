import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DEMO_USERS, DemoUser } from '@cashout/platform';
import { AUTH_CONFIG, AuthConfig } from '../auth.config';
import { HASHER, Hasher } from '../hasher.port';
import { USER_REPOSITORY, UserDocument, UserRepository } from '../user.repository.port';

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
    const created = await Promise.all(DEMO_USERS.map((demo) => this.seed(demo)));
    this.logger.log(`seeded ${created.filter(Boolean).length} demo users`);
  }

  /** False when the user already exists: a restart against a kept database seeds nothing twice. */
  private async seed(demo: DemoUser): Promise<boolean> {
    if (await this.users.findById(demo.userId)) return false;
    const user: UserDocument = {
      id: demo.userId,
      version: 1,
      role: demo.role,
      phone: demo.phone,
      pinHash: await this.hasher.hash(demo.pin, this.config.bcryptCostPin),
      failures: 0,
      locked: false,
      pinChecks: [],
      logins: [],
    };
    return this.users.save(user);
  }
}

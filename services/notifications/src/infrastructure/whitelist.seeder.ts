import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DEMO_USERS, LoadSeed, loadUsers } from '@cashout/platform';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../notifications.config';
import { WHITELIST_REPOSITORY, WhitelistRepository } from '../whitelist.repository.port';

export const SEED_DEMO = Symbol('SEED_DEMO');
export const SEED_LOAD = Symbol('SEED_LOAD');

/**
 * Fills the whitelist from NOTIF_WHITELIST and the seeded testers' phones: the demo data's
 * (SEED_DEMO) and the load clients' (SEED_LOAD_CLIENTS). Adding a phone already there is a
 * no-op, so restarts and concurrent instances are harmless.
 */
@Injectable()
export class WhitelistSeeder implements OnModuleInit {
  constructor(
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    @Inject(SEED_DEMO) private readonly seedDemo: boolean,
    @Inject(SEED_LOAD) private readonly seedLoad: LoadSeed,
    @Inject(WHITELIST_REPOSITORY) private readonly whitelist: WhitelistRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.whitelist.add(this.config.whitelist);
    const seeded = [...(this.seedDemo ? DEMO_USERS : []), ...loadUsers(this.seedLoad)];
    const phones = seeded.filter((user) => user.profile?.whitelisted).map((user) => user.phone);
    if (phones.length > 0) await this.whitelist.add(phones);
  }
}

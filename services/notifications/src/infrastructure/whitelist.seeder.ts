import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { forEachConcurrently, SEED_PLAN, SEEDING_CONCURRENCY, SeedPlan, seededUsers } from '@cashout/platform';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../notifications.config';
import { WHITELIST_REPOSITORY, WhitelistRepository } from '../whitelist.repository.port';

/**
 * Fills the whitelist from NOTIF_WHITELIST and the seeded testers' phones (SEED_PLAN): the
 * demo data's whitelisted users and the load clients. Adding a phone already there is a
 * no-op, so restarts and concurrent instances are harmless.
 */
@Injectable()
export class WhitelistSeeder implements OnModuleInit {
  private readonly logger = new Logger(WhitelistSeeder.name);

  constructor(
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    @Inject(SEED_PLAN) private readonly plan: SeedPlan,
    @Inject(WHITELIST_REPOSITORY) private readonly whitelist: WhitelistRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.whitelist.add(this.config.whitelist);
    const phones = seededUsers(this.plan)
      .filter((user) => user.profile?.whitelisted)
      .map((user) => user.phone);
    if (phones.length === 0) return;
    let created = 0;
    await forEachConcurrently(phones, SEEDING_CONCURRENCY, async (phone) => {
      if (await this.whitelist.contains(phone)) return;
      await this.whitelist.add([phone]);
      created += 1;
    });
    this.logger.log(`whitelisted ${created} of ${phones.length} seeded phones (the others were there)`);
  }
}

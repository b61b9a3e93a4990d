import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DEMO_USERS } from '@cashout/platform';
import { NotificationsConfig } from './notifications.config';
import { NOTIFICATIONS_CONFIG, SEED_DEMO } from './notifications.tokens';
import { WHITELIST_REPOSITORY, WhitelistRepository } from './whitelist.repository.port';

/** Fills the whitelist from NOTIF_WHITELIST and, with the demo data, the demo testers' phones. */
@Injectable()
export class WhitelistLoader implements OnModuleInit {
  constructor(
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    @Inject(SEED_DEMO) private readonly seedDemo: boolean,
    @Inject(WHITELIST_REPOSITORY) private readonly whitelist: WhitelistRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.whitelist.add(this.config.whitelist);
    if (this.seedDemo) {
      await this.whitelist.add(DEMO_USERS.filter((user) => user.profile?.whitelisted).map((user) => user.phone));
    }
  }
}

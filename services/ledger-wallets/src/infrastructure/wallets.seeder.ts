import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { CLOCK, Clock, DEMO_CURRENCY, forEachConcurrently, SEED_PLAN, SEEDING_CONCURRENCY, SeedPlan, seededUsers } from '@cashout/platform';
import { customerWalletId, systemWalletId } from '../domain/ledger';
import { LEDGER_REPOSITORY, LedgerRepository } from '../ledger.repository.port';

type CustomerWalletKind = 'MAIN' | 'FLOAT' | 'COMMISSION';

/** Half the platform's SEEDING_CONCURRENCY: each wallet is several writes (the wallet, its opening entry, both legs). */
const WALLETS_AT_ONCE = SEEDING_CONCURRENCY / 2;

/**
 * Opens the wallets of the demo and load data (SEED_PLAN). Each opening balance is a journal
 * entry from the house's funding wallet, so even seeded money is double-entry and
 * reconciles. Wallets and entries are insert-once by id (the entry id derives from the
 * wallet) and the funding wallet takes each opening as a leg of its own, so a restart or a
 * second instance seeding at the same time moves no money twice, and wallets can be opened
 * several at a time. A refused opening throws: the start fails rather than run with money
 * missing.
 */
@Injectable()
export class WalletsSeeder implements OnModuleInit {
  private readonly logger = new Logger(WalletsSeeder.name);

  constructor(
    @Inject(SEED_PLAN) private readonly plan: SeedPlan,
    @Inject(LEDGER_REPOSITORY) private readonly ledger: LedgerRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    const users = seededUsers(this.plan);
    if (users.length === 0) return;
    const currency = DEMO_CURRENCY;
    const funding = systemWalletId('FUNDING', currency);
    // The house wallets first: every opening entry debits FUNDING.
    await this.ledger.openWallet({ id: funding, kind: 'SYSTEM', currency, allowNegative: true });
    await this.ledger.openWallet({ id: systemWalletId('FEES', currency), kind: 'SYSTEM', currency, allowNegative: false });
    const wallets = users.flatMap((user) =>
      (Object.entries(user.wallets ?? {}) as Array<[CustomerWalletKind, number]>).map(([kind, opening]) => ({ user, kind, opening })),
    );
    await forEachConcurrently(wallets, WALLETS_AT_ONCE, async ({ user, kind, opening }) => {
      const id = customerWalletId(user.userId, kind, currency);
      await this.ledger.openWallet({ id, kind, currency, ownerUserId: user.userId, ownerPhone: user.phone, allowNegative: false });
      if (opening <= 0) return;
      const outcome = await this.ledger.post({
        id: `opening-${id}`,
        kind: 'OPENING',
        postings: [
          { walletId: funding, amount: -opening, currency },
          { walletId: id, amount: opening, currency },
        ],
        createdAt: this.clock.now().toISOString(),
      });
      if (outcome.kind === 'refused') throw new Error(`opening balance of ${id} refused: ${outcome.reason}`);
    });
    this.logger.log(`opened ${wallets.length} wallets for ${users.length} users (insert-once: existing ones unchanged)`);
  }
}

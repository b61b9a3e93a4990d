import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { CLOCK, Clock, DEMO_CURRENCY, LoadSeed, loadUsers } from '@cashout/platform';
import { customerWalletId, systemWalletId } from '../domain/ledger';
import { LEDGER_REPOSITORY, LedgerRepository } from '../ledger.repository.port';

export const SEED_LOAD_WALLETS = Symbol('SEED_LOAD_WALLETS');

type CustomerWalletKind = 'MAIN' | 'FLOAT' | 'COMMISSION';

/**
 * Opens the wallets of the load data (SEED_LOAD_CLIENTS, SEED_LOAD_AGENTS) the way the demo
 * wallets are opened: each opening balance is a journal entry from the house's funding
 * wallet, so seeded money is double-entry and reconciles. ensureWallet and post are
 * idempotent by id (the entry id derives from the wallet), so a restart or a second
 * instance seeding at the same time moves no money twice.
 *
 * One user after another, in index order: every opening entry also moves the one funding
 * wallet, and the test store (FerretDB 1.x) loses concurrent updates of one document made
 * by different processes. In the same order, two instances seeding together meet on the
 * same entry, where the journal's claim lets one post it while the other waits and skips
 * it, so they seldom move the funding wallet at the same time; with several entries in
 * flight per instance they did, and the funding balance lost openings.
 */
@Injectable()
export class LoadWalletsSeeder implements OnModuleInit {
  private readonly logger = new Logger(LoadWalletsSeeder.name);

  constructor(
    @Inject(SEED_LOAD_WALLETS) private readonly seed: LoadSeed,
    @Inject(LEDGER_REPOSITORY) private readonly ledger: LedgerRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    const users = loadUsers(this.seed);
    if (users.length === 0) return;
    const currency = DEMO_CURRENCY;
    const funding = await this.ledger.ensureWallet({ id: systemWalletId('FUNDING', currency), kind: 'SYSTEM', currency, allowNegative: true });
    await this.ledger.ensureWallet({ id: systemWalletId('FEES', currency), kind: 'SYSTEM', currency, allowNegative: false });
    let opened = 0;
    for (const user of users) {
      for (const [kind, opening] of Object.entries(user.wallets ?? {}) as Array<[CustomerWalletKind, number]>) {
        const wallet = await this.ledger.ensureWallet({
          id: customerWalletId(user.userId, kind, currency),
          kind,
          currency,
          ownerUserId: user.userId,
          ownerPhone: user.phone,
          allowNegative: false,
        });
        opened += 1;
        if (opening <= 0) continue;
        const outcome = await this.ledger.post({
          id: `opening-${wallet.id}`,
          kind: 'OPENING',
          postings: [
            { walletId: funding.id, amount: -opening, currency },
            { walletId: wallet.id, amount: opening, currency },
          ],
          createdAt: this.clock.now().toISOString(),
        });
        if (outcome.kind === 'refused') throw new Error(`opening balance of ${wallet.id} refused: ${outcome.reason}`);
      }
    }
    this.logger.log(`opened ${opened} load wallets for ${users.length} load users`);
  }
}

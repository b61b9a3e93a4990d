import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { CLOCK, Clock, DEMO_CURRENCY, LoadSeed, loadUsers } from '@cashout/platform';
import { customerWalletId, systemWalletId } from '../domain/ledger';
import { LEDGER_REPOSITORY, LedgerRepository } from '../ledger.repository.port';

export const SEED_LOAD_WALLETS = Symbol('SEED_LOAD_WALLETS');

type CustomerWalletKind = 'MAIN' | 'FLOAT' | 'COMMISSION';

/** Wallets opened at once: enough to hide the store's latency, few enough not to flood it. */
const SEEDING_CONCURRENCY = 8;

/**
 * Opens the wallets of the load data (SEED_LOAD_CLIENTS, SEED_LOAD_AGENTS) the way the demo
 * wallets are opened: each opening balance is a journal entry from the house's funding
 * wallet, so seeded money is double-entry and reconciles. Wallets and entries are
 * insert-once by id (the entry id derives from the wallet) and the funding wallet takes
 * each opening as a leg of its own, so a restart or a second instance seeding at the same
 * time moves no money twice, and users can be seeded several at a time.
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
    const funding = systemWalletId('FUNDING', currency);
    await this.ledger.openWallet({ id: funding, kind: 'SYSTEM', currency, allowNegative: true });
    await this.ledger.openWallet({ id: systemWalletId('FEES', currency), kind: 'SYSTEM', currency, allowNegative: false });
    const wallets = users.flatMap((user) =>
      (Object.entries(user.wallets ?? {}) as Array<[CustomerWalletKind, number]>).map(([kind, opening]) => ({ user, kind, opening })),
    );
    let next = 0;
    const open = async (): Promise<void> => {
      for (let index = next++; index < wallets.length; index = next++) {
        const { user, kind, opening } = wallets[index];
        const id = customerWalletId(user.userId, kind, currency);
        await this.ledger.openWallet({ id, kind, currency, ownerUserId: user.userId, ownerPhone: user.phone, allowNegative: false });
        if (opening <= 0) continue;
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
      }
    };
    await Promise.all(Array.from({ length: SEEDING_CONCURRENCY }, open));
    this.logger.log(`opened ${wallets.length} load wallets for ${users.length} load users`);
  }
}

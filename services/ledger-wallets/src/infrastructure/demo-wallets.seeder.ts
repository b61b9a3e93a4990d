import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, DEMO_CURRENCY, DEMO_USERS } from '@cashout/platform';
import { customerWalletId, systemWalletId } from '../domain/ledger';
import { LEDGER_REPOSITORY, LedgerRepository } from '../ledger.repository.port';

/**
 * Opens the demo wallets. Opening balances are journal entries from the house's funding
 * wallet, so even seeded money is double-entry and reconciles.
 */
@Injectable()
export class DemoWalletsSeeder {
  constructor(
    @Inject(LEDGER_REPOSITORY) private readonly ledger: LedgerRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async seed(): Promise<void> {
    const currency = DEMO_CURRENCY;
    const funding = await this.ledger.ensureWallet({ id: systemWalletId('FUNDING', currency), kind: 'SYSTEM', currency, allowNegative: true });
    await this.ledger.ensureWallet({ id: systemWalletId('FEES', currency), kind: 'SYSTEM', currency, allowNegative: false });
    for (const user of DEMO_USERS) {
      for (const [kind, opening] of Object.entries(user.wallets ?? {}) as Array<['MAIN' | 'FLOAT' | 'COMMISSION', number]>) {
        const wallet = await this.ledger.ensureWallet({
          id: customerWalletId(user.userId, kind, currency),
          kind,
          currency,
          ownerUserId: user.userId,
          ownerPhone: user.phone,
          allowNegative: false,
        });
        if (opening > 0) {
          await this.ledger.post({
            id: `opening-${wallet.id}`,
            kind: 'OPENING',
            postings: [
              { walletId: funding.id, amount: -opening, currency },
              { walletId: wallet.id, amount: opening, currency },
            ],
            createdAt: this.clock.now().toISOString(),
          });
        }
      }
    }
  }
}

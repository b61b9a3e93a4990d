import { available } from '../../src/domain/ledger';
import { LedgerRepository } from '../../src/ledger.repository.port';

/** A wallet's balance and available funds as the ledger reads them (NaN when it has no such wallet). */
export async function balanceOf(ledger: LedgerRepository, walletId: string): Promise<number> {
  return (await ledger.findWallet(walletId))?.balance ?? Number.NaN;
}

export async function availableOf(ledger: LedgerRepository, walletId: string): Promise<number> {
  const wallet = await ledger.findWallet(walletId);
  return wallet ? available(wallet) : Number.NaN;
}

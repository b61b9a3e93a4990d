import { InMemoryStreamStore } from '@cashout/platform';
import { WalletState } from '../domain/wallet-stream';
import { InMemoryLedgerRecords } from './in-memory-ledger.records';
import { StreamLedgerRepository } from './stream-ledger.repository';

/** The ledger of the embedded default: the same legs over the in-memory stores. */
export class InMemoryLedgerRepository extends StreamLedgerRepository {
  constructor() {
    // Only the wallets holding funds are live: the sweep of orphaned holds reads those.
    const streams = new InMemoryStreamStore<WalletState>({ live: (state) => state.holds.length > 0, retainHistory: false });
    super(streams, new InMemoryLedgerRecords(), async () => streams.liveHeads());
  }
}

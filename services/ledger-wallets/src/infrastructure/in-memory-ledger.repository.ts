import { InMemoryStreamStore } from '@cashout/platform';
import { WalletState } from '../domain/wallet-stream';
import { InMemoryLedgerRecords } from './in-memory-ledger.records';
import { StreamLedgerRepository } from './stream-ledger.repository';

/** The ledger of the embedded default: the same legs over the in-memory stores. */
export class InMemoryLedgerRepository extends StreamLedgerRepository {
  constructor() {
    const streams = new InMemoryStreamStore<WalletState>();
    super(streams, new InMemoryLedgerRecords(), async () => streams.heads().filter((line) => line.state.holds.length > 0));
  }
}

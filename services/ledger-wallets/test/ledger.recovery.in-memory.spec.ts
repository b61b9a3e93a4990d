import { InMemoryStreamStore } from '@cashout/platform';
import { WalletState } from '../src/domain/wallet-stream';
import { InMemoryLedgerRecords } from '../src/infrastructure/in-memory-ledger.records';
import { describeLedgerRecovery } from './ledger.recovery.contract';

describeLedgerRecovery('in-memory stores', async () => ({
  streams: new InMemoryStreamStore<WalletState>(),
  records: new InMemoryLedgerRecords(),
  close: async () => undefined,
}));

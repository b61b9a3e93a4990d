import { InMemoryStreamStore } from '@cashout/platform';
import { WalletState } from '../src/domain/wallet-stream';
import { InMemoryLedgerRecords } from '../src/infrastructure/in-memory-ledger.records';
import { describeJournalChainContract } from './journal-chain.contract';
import { inMemoryTamper } from './support/ledger-tamper';

// As the embedded default keeps them: only each stream's latest line and the lines that name an operation.
describeJournalChainContract('in-memory stores', async () => {
  const streams = new InMemoryStreamStore<WalletState>({ live: (state) => state.holds.length > 0, retainHistory: false });
  const records = new InMemoryLedgerRecords();
  return { streams, records, tamper: inMemoryTamper(streams, records), close: async () => undefined };
});

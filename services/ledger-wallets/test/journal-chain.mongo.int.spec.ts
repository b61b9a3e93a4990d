import { MongoStreamStore } from '@cashout/platform/mongo';
import { openTestDatabase } from '@cashout/testkit';
import { WalletState } from '../src/domain/wallet-stream';
import { MongoLedgerRecords } from '../src/infrastructure/mongo-ledger.records';
import { describeJournalChainContract } from './journal-chain.contract';
import { mongoTamper } from './support/ledger-tamper';

describeJournalChainContract('MongoDB stores', async () => {
  const database = await openTestDatabase('ledger-wallets');
  return {
    streams: await MongoStreamStore.create<WalletState>(database.connection, 'wallet_lines', { live: (state) => state.holds.length > 0 }),
    records: await MongoLedgerRecords.create(database.connection),
    tamper: mongoTamper(database.connection, 'wallet_lines'),
    close: database.drop,
  };
});

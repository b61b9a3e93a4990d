import { MongoStreamStore } from '@cashout/platform/mongo';
import { openTestDatabase } from '@cashout/testkit';
import { WalletState } from '../src/domain/wallet-stream';
import { MongoLedgerRecords } from '../src/infrastructure/mongo-ledger.records';
import { describeLedgerRecovery } from './ledger.recovery.contract';

describeLedgerRecovery('MongoDB stores', async () => {
  const database = await openTestDatabase('ledger-wallets');
  return {
    streams: await MongoStreamStore.create<WalletState>(database.connection, 'wallet_lines'),
    records: await MongoLedgerRecords.create(database.connection),
    close: database.drop,
  };
});

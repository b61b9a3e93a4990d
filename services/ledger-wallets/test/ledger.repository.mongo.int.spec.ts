import { MongoLedgerRepository } from '../src/infrastructure/mongo-ledger.repository';
import { describeLedgerRepositoryContract } from './ledger.repository.contract';
import { openTestDatabase } from '@cashout/testkit';

describeLedgerRepositoryContract('MongoLedgerRepository', async () => {
  const database = await openTestDatabase('ledger-wallets');
  return { repository: await MongoLedgerRepository.create(database.connection), close: database.drop };
});

import { MongoIntentRepository } from '../src/infrastructure/mongo-intent.repository';
import { describeIntentRepositoryContract } from './intent.repository.contract';
import { openTestDatabase } from '@cashout/testkit';

describeIntentRepositoryContract('MongoIntentRepository', async () => {
  const database = await openTestDatabase('ledger-wallets');
  return { repository: await MongoIntentRepository.create(database.connection), close: database.drop };
});

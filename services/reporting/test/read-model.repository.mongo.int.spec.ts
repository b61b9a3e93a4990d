import { openTestDatabase } from '@cashout/testkit';
import { MongoReadModelRepository } from '../src/infrastructure/mongo-read-model.repository';
import { describeReadModelRepositoryContract } from './read-model.repository.contract';

describeReadModelRepositoryContract('MongoReadModelRepository', async () => {
  const database = await openTestDatabase('reporting');
  return { repository: await MongoReadModelRepository.create(database.connection), close: database.drop };
});

import { MongoOtpRepository } from '../src/infrastructure/mongo-otp.repository';
import { MongoUserRepository } from '../src/infrastructure/mongo-user.repository';
import { describeOtpRepositoryContract, describeUserRepositoryContract } from './repositories.contract';
import { openTestDatabase } from '@cashout/testkit';

describeUserRepositoryContract('MongoUserRepository', async () => {
  const database = await openTestDatabase('auth');
  return { repository: await MongoUserRepository.create(database.connection), close: database.drop };
});

describeOtpRepositoryContract('MongoOtpRepository', async () => {
  const database = await openTestDatabase('auth');
  return { repository: await MongoOtpRepository.create(database.connection), close: database.drop };
});

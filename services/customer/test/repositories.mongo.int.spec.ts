import { MongoCustomerProfileRepository } from '../src/infrastructure/mongo-customer-profile.repository';
import { MongoQrTokenRepository } from '../src/infrastructure/mongo-qr-token.repository';
import { describeCustomerProfileRepositoryContract } from './customer-profile.repository.contract';
import { describeQrTokenRepositoryContract } from './qr-token.repository.contract';
import { openTestDatabase } from '@cashout/testkit';

describeCustomerProfileRepositoryContract('MongoCustomerProfileRepository', async () => {
  const database = await openTestDatabase('customer');
  return { repository: await MongoCustomerProfileRepository.create(database.connection), close: database.drop };
});

describeQrTokenRepositoryContract('MongoQrTokenRepository', async () => {
  const database = await openTestDatabase('customer');
  return { repository: await MongoQrTokenRepository.create(database.connection), close: database.drop };
});

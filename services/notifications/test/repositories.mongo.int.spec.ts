import { MongoNotificationRecordRepository } from '../src/infrastructure/mongo-notification-record.repository';
import { MongoWhitelistRepository } from '../src/infrastructure/mongo-whitelist.repository';
import { describeNotificationRecordRepositoryContract } from './notification-record.repository.contract';
import { openTestDatabase } from '@cashout/testkit';
import { describeWhitelistRepositoryContract } from './whitelist.repository.contract';

describeNotificationRecordRepositoryContract('MongoNotificationRecordRepository', async () => {
  const database = await openTestDatabase('notifications');
  return { repository: await MongoNotificationRecordRepository.create(database.connection), close: database.drop };
});

describeWhitelistRepositoryContract('MongoWhitelistRepository', async () => {
  const database = await openTestDatabase('notifications');
  return { repository: await MongoWhitelistRepository.create(database.connection), close: database.drop };
});

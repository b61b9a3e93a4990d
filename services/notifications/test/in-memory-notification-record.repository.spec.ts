import { InMemoryNotificationRecordRepository } from '../src/infrastructure/in-memory-notification-record.repository';
import { describeNotificationRecordRepositoryContract } from './notification-record.repository.contract';

describeNotificationRecordRepositoryContract('InMemoryNotificationRecordRepository', async () => ({
  repository: new InMemoryNotificationRecordRepository(),
  close: async () => undefined,
}));

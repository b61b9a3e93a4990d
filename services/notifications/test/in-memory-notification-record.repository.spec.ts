import { InMemoryNotificationRecordRepository } from '../src/infrastructure/in-memory-notification-record.repository';
import { notificationRecordRepositoryContract } from './notification-record.repository.contract';

notificationRecordRepositoryContract('InMemoryNotificationRecordRepository', async () => new InMemoryNotificationRecordRepository());

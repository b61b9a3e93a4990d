import { InMemoryOtpRepository } from '../src/infrastructure/in-memory-otp.repository';
import { InMemoryUserRepository } from '../src/infrastructure/in-memory-user.repository';
import { describeOtpRepositoryContract, describeUserRepositoryContract } from './repositories.contract';

describeUserRepositoryContract('InMemoryUserRepository', async () => ({ repository: new InMemoryUserRepository(), close: async () => undefined }));
describeOtpRepositoryContract('InMemoryOtpRepository', async () => ({ repository: new InMemoryOtpRepository(), close: async () => undefined }));

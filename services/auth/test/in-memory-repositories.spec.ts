import { InMemoryOtpRepository } from '../src/infrastructure/in-memory-otp.repository';
import { InMemoryUserRepository } from '../src/infrastructure/in-memory-user.repository';
import { otpRepositoryContract, userRepositoryContract } from './repositories.contract';

userRepositoryContract('InMemoryUserRepository', () => new InMemoryUserRepository());
otpRepositoryContract('InMemoryOtpRepository', () => new InMemoryOtpRepository());

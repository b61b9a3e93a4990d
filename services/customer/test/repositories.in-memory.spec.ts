import { InMemoryCustomerProfileRepository } from '../src/infrastructure/in-memory-customer-profile.repository';
import { InMemoryQrTokenRepository } from '../src/infrastructure/in-memory-qr-token.repository';
import { describeCustomerProfileRepositoryContract } from './customer-profile.repository.contract';
import { describeQrTokenRepositoryContract } from './qr-token.repository.contract';

const noClose = async () => undefined;

describeCustomerProfileRepositoryContract('InMemoryCustomerProfileRepository', async () => ({
  repository: new InMemoryCustomerProfileRepository(),
  close: noClose,
}));
describeQrTokenRepositoryContract('InMemoryQrTokenRepository', async () => ({ repository: new InMemoryQrTokenRepository(), close: noClose }));

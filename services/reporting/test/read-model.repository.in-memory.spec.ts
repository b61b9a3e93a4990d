import { InMemoryReadModelRepository } from '../src/infrastructure/in-memory-read-model.repository';
import { describeReadModelRepositoryContract } from './read-model.repository.contract';

describeReadModelRepositoryContract('InMemoryReadModelRepository', async () => ({
  repository: new InMemoryReadModelRepository(),
  close: async () => undefined,
}));

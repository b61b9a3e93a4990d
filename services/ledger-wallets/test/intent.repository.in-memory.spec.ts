import { InMemoryIntentRepository } from '../src/infrastructure/in-memory-intent.repository';
import { describeIntentRepositoryContract } from './intent.repository.contract';

describeIntentRepositoryContract('InMemoryIntentRepository', async () => ({
  repository: new InMemoryIntentRepository(),
  close: async () => undefined,
}));

import { InMemoryWhitelistRepository } from '../src/infrastructure/in-memory-whitelist.repository';
import { describeWhitelistRepositoryContract } from './whitelist.repository.contract';

describeWhitelistRepositoryContract('InMemoryWhitelistRepository', async () => ({
  repository: new InMemoryWhitelistRepository(),
  close: async () => undefined,
}));

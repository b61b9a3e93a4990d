import { InMemoryRiskCountersRepository } from '../src/infrastructure/in-memory-risk-counters.repository';
import { describeRiskCountersRepositoryContract } from './risk-counters.repository.contract';

describeRiskCountersRepositoryContract('in-memory', async () => ({
  repository: new InMemoryRiskCountersRepository(),
  close: async () => undefined,
}));

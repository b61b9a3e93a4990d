import { InMemoryBudgetsRepository } from '../src/infrastructure/in-memory-budgets.repository';
import { describeBudgetsRepositoryContract } from './budgets.repository.contract';

describeBudgetsRepositoryContract('in-memory', async () => ({ repository: new InMemoryBudgetsRepository(), close: async () => undefined }));

import { InMemoryLedgerRepository } from '../src/infrastructure/in-memory-ledger.repository';
import { describeLedgerRepositoryContract } from './ledger.repository.contract';

describeLedgerRepositoryContract('InMemoryLedgerRepository', async () => ({
  repository: new InMemoryLedgerRepository(),
  close: async () => undefined,
}));

import { InMemoryIdempotencyStore } from '../src/infrastructure/in-memory-idempotency.store';
import { idempotencyStoreContract } from './support/idempotency-store.contract';

idempotencyStoreContract('in-memory', async (clock) => ({ store: new InMemoryIdempotencyStore(clock), close: async () => undefined }));

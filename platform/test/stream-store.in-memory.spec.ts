import { InMemoryStreamStore } from '../src/persistence/in-memory-stream-store';
import { describeStreamStoreContract } from './stream-store.contract';

describeStreamStoreContract('in-memory', async () => ({ store: new InMemoryStreamStore(), close: async () => undefined }));

import { openTestDatabase } from '@cashout/testkit';
import { MongoStreamStore } from '../src/persistence/mongo-stream-store';
import { describeStreamStoreContract } from './stream-store.contract';

describeStreamStoreContract('mongo', async () => {
  const database = await openTestDatabase('platform');
  return { store: await MongoStreamStore.create(database.connection, 'counters'), close: database.drop };
});

describe('MongoStreamStore head cache', () => {
  it('a lagging head is repaired by latest(), and a writer starting from it still lands after the true latest line', async () => {
    const database = await openTestDatabase('platform');
    try {
      const store = await MongoStreamStore.create<{ value: number }>(database.connection, 'counters');
      const at = new Date().toISOString();
      await store.append({ stream: 's', seq: 1, state: { value: 1 }, outbox: [], at });
      await store.append({ stream: 's', seq: 2, state: { value: 2 }, outbox: [], at });
      // Simulates a writer that crashed between its insert and its head write.
      await store.heads.replaceOne({ _id: 's' }, { _id: 's', seq: 1, state: { value: 1 }, at });
      expect((await store.head('s'))?.seq).toBe(1);
      expect((await store.append({ stream: 's', seq: 2, state: { value: 99 }, outbox: [], at })).kind).toBe('conflict');
      expect((await store.latest('s'))?.state.value).toBe(2);
      expect((await store.head('s'))?.seq).toBe(2);
    } finally {
      await database.drop();
    }
  });
});

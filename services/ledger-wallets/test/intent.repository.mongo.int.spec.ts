import { MongoIntentRepository } from '../src/infrastructure/mongo-intent.repository';
import { describeIntentRepositoryContract } from './intent.repository.contract';
import { openTestDatabase } from '@cashout/testkit';

describeIntentRepositoryContract('MongoIntentRepository', async () => {
  const database = await openTestDatabase('ledger-wallets');
  return { repository: await MongoIntentRepository.create(database.connection), close: database.drop };
});

describe('MongoIntentRepository indexes', () => {
  it("serves the list's filters: by agent, status, agent phone and client phone, each newest first", async () => {
    const database = await openTestDatabase('ledger-wallets');
    try {
      const repository = await MongoIntentRepository.create(database.connection);

      const keys = (await repository.streams.heads.listIndexes().toArray()).map((index) => index.key as Record<string, number>);

      expect(keys).toEqual(
        expect.arrayContaining([
          { agentUserId: 1, createdAt: -1, _id: -1 },
          { phase: 1, createdAt: -1, _id: -1 },
          { 'state.agent.phone': 1, createdAt: -1, _id: -1 },
          { 'state.client.phone': 1, createdAt: -1, _id: -1 },
        ]),
      );
    } finally {
      await database.drop();
    }
  });
});

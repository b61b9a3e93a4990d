import mongoose from 'mongoose';
import { openTestDatabase, realServers } from '@cashout/testkit';
import { LoadProfilesSeeder } from '../src/infrastructure/load-profiles.seeder';
import { MongoCustomerProfileRepository } from '../src/infrastructure/mongo-customer-profile.repository';

describe('LoadProfilesSeeder on MongoDB', () => {
  it('leaves every profile in place when two instances seed at once', async () => {
    const database = await openTestDatabase('customer');
    // A second client of its own, as a second process would have.
    const other = await mongoose.createConnection(realServers().mongoUrl, { dbName: database.connection.name, autoIndex: false }).asPromise();
    try {
      const seed = { clients: 20, agents: 5 };
      const a = await MongoCustomerProfileRepository.create(database.connection);
      const b = await MongoCustomerProfileRepository.create(other);
      await Promise.all([new LoadProfilesSeeder(seed, a).onModuleInit(), new LoadProfilesSeeder(seed, b).onModuleInit()]);

      const missing: string[] = [];
      for (let i = 1; i <= 20; i += 1) if (!(await a.findByPhone(`+22502${String(i).padStart(8, '0')}`))) missing.push(`client ${i}`);
      for (let i = 1; i <= 5; i += 1) {
        const agent = await a.findByUserId(`usr-load-agent-${String(i).padStart(8, '0')}`);
        if (agent?.role !== 'AGENT') missing.push(`agent ${i}: ${JSON.stringify(agent)}`);
      }
      expect(missing).toEqual([]);
    } finally {
      await other.close();
      await database.drop();
    }
  });
});

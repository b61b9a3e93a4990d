import mongoose from 'mongoose';
import { openTestDatabase, realServers } from '@cashout/testkit';
import { MongoCustomerProfileRepository } from '../src/infrastructure/mongo-customer-profile.repository';
import { ProfilesSeeder } from '../src/infrastructure/profiles.seeder';

describe('ProfilesSeeder on MongoDB', () => {
  it('leaves every profile in place when two instances seed at once', async () => {
    const database = await openTestDatabase('customer');
    // A second client of its own, as a second process would have.
    const other = await mongoose.createConnection(realServers().mongoUrl, { dbName: database.connection.name, autoIndex: false }).asPromise();
    try {
      const plan = { demo: true, load: { clients: 20, agents: 5 } };
      const a = await MongoCustomerProfileRepository.create(database.connection);
      const b = await MongoCustomerProfileRepository.create(other);
      await Promise.all([new ProfilesSeeder(plan, a).onModuleInit(), new ProfilesSeeder(plan, b).onModuleInit()]);

      const missing: string[] = [];
      for (let i = 1; i <= 20; i += 1) if (!(await a.findByPhone(`+22502${String(i).padStart(8, '0')}`))) missing.push(`client ${i}`);
      for (let i = 1; i <= 5; i += 1) {
        const agent = await a.findByUserId(`usr-load-agent-${String(i).padStart(8, '0')}`);
        if (agent?.role !== 'AGENT') missing.push(`agent ${i}: ${JSON.stringify(agent)}`);
      }
      if ((await a.findByUserId('usr-client-0001'))?.role !== 'CLIENT') missing.push('demo client 1');
      expect(missing).toEqual([]);
    } finally {
      await other.close();
      await database.drop();
    }
  });
});

import { LoadProfilesSeeder } from '../src/infrastructure/load-profiles.seeder';
import { InMemoryCustomerProfileRepository } from '../src/infrastructure/in-memory-customer-profile.repository';

describe('LoadProfilesSeeder', () => {
  it('gives every load client and agent its profile, the same when two instances seed at once', async () => {
    const profiles = new InMemoryCustomerProfileRepository();
    const seed = { clients: 30, agents: 4 };

    await Promise.all([new LoadProfilesSeeder(seed, profiles).onModuleInit(), new LoadProfilesSeeder(seed, profiles).onModuleInit()]);

    expect(await profiles.findByPhone('+2250200000030')).toEqual({
      userId: 'usr-load-client-00000030',
      phone: '+2250200000030',
      role: 'CLIENT',
      kycTier: 2,
      status: 'ACTIVE',
      preferredChannel: 'WHATSAPP',
    });
    expect(await profiles.findByUserId('usr-load-agent-00000004')).toMatchObject({ phone: '+2250600000004', role: 'AGENT', status: 'ACTIVE' });
    expect(await profiles.findByPhone('+2250200000031')).toBeUndefined();
  });
});

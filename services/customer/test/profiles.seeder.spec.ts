import { SeedPlan } from '@cashout/platform';
import { InMemoryCustomerProfileRepository } from '../src/infrastructure/in-memory-customer-profile.repository';
import { ProfilesSeeder } from '../src/infrastructure/profiles.seeder';

describe('ProfilesSeeder', () => {
  const load = { clients: 30, agents: 4 };
  const noLoad = { clients: 0, agents: 0 };

  async function seeded(plan: SeedPlan): Promise<InMemoryCustomerProfileRepository> {
    const profiles = new InMemoryCustomerProfileRepository();
    await new ProfilesSeeder(plan, profiles).onModuleInit();
    return profiles;
  }

  it('given the demo data only, when starting, then the demo agents and clients have their profiles, staff none', async () => {
    const profiles = await seeded({ demo: true, load: noLoad });

    expect(await profiles.findByPhone('+2250100000001')).toEqual({
      userId: 'usr-client-0001',
      phone: '+2250100000001',
      role: 'CLIENT',
      kycTier: 2,
      status: 'ACTIVE',
      preferredChannel: 'WHATSAPP',
    });
    expect(await profiles.findByPhone('+2250100000003')).toMatchObject({ status: 'SUSPENDED' });
    expect(await profiles.findByUserId('usr-agent-0002')).toMatchObject({ role: 'AGENT' });
    expect(await profiles.findByUserId('usr-admin-0001')).toBeUndefined();
    expect(await profiles.findByPhone('+2250200000001')).toBeUndefined();
  });

  it('given the load data only, when starting, then every load client and agent has its profile', async () => {
    const profiles = await seeded({ demo: false, load });

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
    expect(await profiles.findByPhone('+2250100000001')).toBeUndefined();
  });

  it('given both, when starting, then the demo and the load profiles', async () => {
    const profiles = await seeded({ demo: true, load });

    expect(await profiles.findByUserId('usr-client-0004')).toMatchObject({ kycTier: 1 });
    expect(await profiles.findByUserId('usr-load-agent-00000001')).toMatchObject({ role: 'AGENT' });
  });

  it('given neither, when starting, then no profile', async () => {
    const profiles = new InMemoryCustomerProfileRepository();
    const upsert = jest.spyOn(profiles, 'upsert');

    await new ProfilesSeeder({ demo: false, load: noLoad }, profiles).onModuleInit();

    expect(upsert).not.toHaveBeenCalled();
  });

  it('gives each profile once when two instances seed at once, and a later start writes none', async () => {
    const profiles = new InMemoryCustomerProfileRepository();
    const plan = { demo: true, load };

    await Promise.all([new ProfilesSeeder(plan, profiles).onModuleInit(), new ProfilesSeeder(plan, profiles).onModuleInit()]);
    const first = await profiles.findByUserId('usr-load-client-00000001');
    const upsert = jest.spyOn(profiles, 'upsert');
    await new ProfilesSeeder(plan, profiles).onModuleInit();

    expect(upsert).not.toHaveBeenCalled();
    expect(await profiles.findByUserId('usr-load-client-00000001')).toEqual(first);
    expect(await profiles.findByUserId('usr-client-0002')).toMatchObject({ preferredChannel: 'SMS' });
  });
});

import { SeedPlan } from '@cashout/platform';
import { InMemoryWhitelistRepository } from '../src/infrastructure/in-memory-whitelist.repository';
import { WhitelistSeeder } from '../src/infrastructure/whitelist.seeder';
import { loadNotificationsConfig } from '../src/notifications.config';

describe('WhitelistSeeder', () => {
  const config = loadNotificationsConfig({ APP_ENV: 'test', NOTIF_WHITELIST: '+2250100000099' });
  const load = { clients: 3, agents: 2 };
  const noLoad = { clients: 0, agents: 0 };

  async function seeded(plan: SeedPlan): Promise<InMemoryWhitelistRepository> {
    const whitelist = new InMemoryWhitelistRepository();
    await new WhitelistSeeder(config, plan, whitelist).onModuleInit();
    return whitelist;
  }

  it('given the demo data only, when starting, then the configured phones and the demo testers', async () => {
    const whitelist = await seeded({ demo: true, load: noLoad });

    expect(await whitelist.contains('+2250100000099')).toBe(true);
    expect(await whitelist.contains('+2250100000001')).toBe(true);
    expect(await whitelist.contains('+2250100000002')).toBe(false);
    expect(await whitelist.contains('+2250200000001')).toBe(false);
  });

  it('given the load data only, when starting, then the configured phones and the load clients, not the load agents', async () => {
    const whitelist = await seeded({ demo: false, load });

    expect(await whitelist.contains('+2250100000099')).toBe(true);
    expect(await whitelist.contains('+2250200000003')).toBe(true);
    expect(await whitelist.contains('+2250200000004')).toBe(false);
    expect(await whitelist.contains('+2250600000001')).toBe(false);
    expect(await whitelist.contains('+2250100000001')).toBe(false);
  });

  it('given both, when starting, then the configured phones, the demo testers and the load clients', async () => {
    const whitelist = await seeded({ demo: true, load });

    expect(await whitelist.contains('+2250100000099')).toBe(true);
    expect(await whitelist.contains('+2250100000001')).toBe(true);
    expect(await whitelist.contains('+2250200000003')).toBe(true);
    expect(await whitelist.contains('+2250600000002')).toBe(false);
  });

  it('given neither, when starting, then only the configured phones', async () => {
    const whitelist = await seeded({ demo: false, load: noLoad });

    expect(await whitelist.contains('+2250100000099')).toBe(true);
    expect(await whitelist.contains('+2250100000001')).toBe(false);
  });

  it('given two instances seeding at once, when a third starts later, then every phone is there and it adds none', async () => {
    const whitelist = new InMemoryWhitelistRepository();
    const plan = { demo: true, load };
    const add = jest.spyOn(whitelist, 'add');

    await Promise.all([new WhitelistSeeder(config, plan, whitelist).onModuleInit(), new WhitelistSeeder(config, plan, whitelist).onModuleInit()]);
    add.mockClear();
    await new WhitelistSeeder(config, plan, whitelist).onModuleInit();

    // Only NOTIF_WHITELIST is written again (a no-op): every seeded phone was found there.
    expect(add.mock.calls).toEqual([[['+2250100000099']]]);
    expect(await whitelist.contains('+2250200000001')).toBe(true);
  });
});

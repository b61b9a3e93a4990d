import { InMemoryWhitelistRepository } from '../src/infrastructure/in-memory-whitelist.repository';
import { loadNotificationsConfig } from '../src/notifications.config';
import { WhitelistSeeder } from '../src/infrastructure/whitelist.seeder';

describe('WhitelistSeeder', () => {
  const config = loadNotificationsConfig({ APP_ENV: 'test', NOTIF_WHITELIST: '+2250100000099' });

  it('whitelists the configured phones, the demo testers and the load clients, not the load agents', async () => {
    const whitelist = new InMemoryWhitelistRepository();

    await new WhitelistSeeder(config, true, { clients: 3, agents: 2 }, whitelist).onModuleInit();

    expect(await whitelist.contains('+2250100000099')).toBe(true);
    expect(await whitelist.contains('+2250100000001')).toBe(true);
    expect(await whitelist.contains('+2250200000003')).toBe(true);
    expect(await whitelist.contains('+2250200000004')).toBe(false);
    expect(await whitelist.contains('+2250600000001')).toBe(false);
  });

  it('given neither demo nor load data, when loading, then only the configured phones', async () => {
    const whitelist = new InMemoryWhitelistRepository();

    await new WhitelistSeeder(config, false, { clients: 0, agents: 0 }, whitelist).onModuleInit();

    expect(await whitelist.contains('+2250100000099')).toBe(true);
    expect(await whitelist.contains('+2250100000001')).toBe(false);
  });
});

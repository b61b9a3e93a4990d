import { ConfigError, DEMO_USERS, MAX_LOAD_USERS, forEachConcurrently, loadAgentPhone, loadClientPhone, loadPlatformEnv, loadUsers } from '../src';

describe('SEED_LOAD_CLIENTS / SEED_LOAD_AGENTS', () => {
  it('given neither, when loading, then no load users', () => {
    expect(loadPlatformEnv({ APP_ENV: 'test' }).seedLoad).toEqual({ clients: 0, agents: 0 });
  });

  it.each(['development', 'test'])('given counts in %s, when loading, then they are read as integers', (appEnv) => {
    expect(loadPlatformEnv({ APP_ENV: appEnv, SEED_LOAD_CLIENTS: '1000', SEED_LOAD_AGENTS: '20' }).seedLoad).toEqual({ clients: 1000, agents: 20 });
  });

  it.each(['-1', '2.5', 'ten', '1e3', '', ' 3', '0x10'])('given %j, when loading, then it fails naming the variable', (value) => {
    expect(() => loadPlatformEnv({ APP_ENV: 'test', SEED_LOAD_AGENTS: value })).toThrow(ConfigError);
    expect(() => loadPlatformEnv({ APP_ENV: 'test', SEED_LOAD_AGENTS: value })).toThrow(/SEED_LOAD_AGENTS: must be a non-negative integer/);
  });

  it('given more users than 8-digit phones allow, when loading, then it fails naming the bound', () => {
    expect(() => loadPlatformEnv({ APP_ENV: 'test', SEED_LOAD_CLIENTS: String(MAX_LOAD_USERS + 1) })).toThrow(/SEED_LOAD_CLIENTS: must be at most 99999999/);
  });

  it.each([
    ['production', { JWT_SECRET: 'tq3Vb8XkP1zR7mWc9LdN2sYf5HjG0aEo', MESSAGE_SEAL_KEY: 'Zp4Kx7Qw2Ev9Rt1Yu6Io3Pa8Sd5Fg0Hj' }],
    ['staging', {}],
  ])('given load users in %s, when loading, then the start is refused, naming each variable', (appEnv, secrets) => {
    const load = () => loadPlatformEnv({ APP_ENV: appEnv, ...secrets, SEED_LOAD_CLIENTS: '10', SEED_LOAD_AGENTS: '1' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(new RegExp(`SEED_LOAD_CLIENTS: is refused when APP_ENV=${appEnv}[\\s\\S]*SEED_LOAD_AGENTS: is refused when APP_ENV=${appEnv}`));
  });

  it('given zero load users in production, when loading, then it starts', () => {
    const env = loadPlatformEnv({
      APP_ENV: 'production',
      JWT_SECRET: 'tq3Vb8XkP1zR7mWc9LdN2sYf5HjG0aEo',
      MESSAGE_SEAL_KEY: 'Zp4Kx7Qw2Ev9Rt1Yu6Io3Pa8Sd5Fg0Hj',
      SEED_LOAD_CLIENTS: '0',
    });
    expect(env.seedLoad).toEqual({ clients: 0, agents: 0 });
  });
});

describe('the load data generator', () => {
  it('given 3 clients and 2 agents, when generating, then that many users with the documented phones', () => {
    const users = loadUsers({ clients: 3, agents: 2 });
    expect(users.map((user) => [user.role, user.phone])).toEqual([
      ['CLIENT', '+2250200000001'],
      ['CLIENT', '+2250200000002'],
      ['CLIENT', '+2250200000003'],
      ['AGENT', '+2250600000001'],
      ['AGENT', '+2250600000002'],
    ]);
  });

  it('gives a load client the demo shape: tier 2, MAIN 10 000 000, PIN 1111, WhatsApp, whitelisted', () => {
    expect(loadUsers({ clients: 1, agents: 0 })).toEqual([
      {
        userId: 'usr-load-client-00000001',
        role: 'CLIENT',
        phone: '+2250200000001',
        pin: '1111',
        profile: { kycTier: 2, status: 'ACTIVE', preferredChannel: 'WHATSAPP', whitelisted: true },
        wallets: { MAIN: 10_000_000 },
      },
    ]);
  });

  it('gives a load agent PIN 1234, an active profile and FLOAT and COMMISSION at 0, as the demo agents', () => {
    const [agent] = loadUsers({ clients: 0, agents: 1 });
    const demoAgent = DEMO_USERS.find((user) => user.role === 'AGENT');
    expect(agent).toEqual({
      userId: 'usr-load-agent-00000001',
      role: 'AGENT',
      phone: '+2250600000001',
      pin: '1234',
      profile: demoAgent?.profile,
      wallets: demoAgent?.wallets,
    });
  });

  it('derives ids and phones from the index only, unique and apart from the demo data', () => {
    const users = loadUsers({ clients: 1000, agents: 1000 });
    expect(users).toHaveLength(2000);
    expect(loadUsers({ clients: 1000, agents: 1000 })).toEqual(users);
    const phones = [...users, ...DEMO_USERS].map((user) => user.phone);
    const ids = [...users, ...DEMO_USERS].map((user) => user.userId);
    expect(new Set(phones).size).toBe(phones.length);
    expect(new Set(ids).size).toBe(ids.length);
    expect(phones.every((phone) => /^\+[1-9]\d{7,14}$/.test(phone))).toBe(true);
  });

  it('pads the index to 8 digits up to the largest', () => {
    expect(loadClientPhone(1234)).toBe('+2250200001234');
    expect(loadAgentPhone(MAX_LOAD_USERS)).toBe('+2250699999999');
  });

  it('given none, when generating, then nothing', () => {
    expect(loadUsers({ clients: 0, agents: 0 })).toEqual([]);
  });
});

describe('forEachConcurrently', () => {
  it('runs every item, never more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const seen: number[] = [];
    await forEachConcurrently([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen.push(item);
      running -= 1;
    });
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(peak).toBe(3);
  });
});

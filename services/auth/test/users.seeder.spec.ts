import { DEMO_USERS, SeedPlan } from '@cashout/platform';
import { loadAuthConfig } from '../src/auth.config';
import { Hasher } from '../src/hasher.port';
import { BcryptHasher } from '../src/infrastructure/bcrypt.hasher';
import { InMemoryUserRepository } from '../src/infrastructure/in-memory-user.repository';
import { UsersSeeder } from '../src/infrastructure/users.seeder';

/** Counts the hashes, the slow part of seeding. */
class CountingHasher implements Hasher {
  hashes = 0;

  constructor(private readonly bcrypt: BcryptHasher) {}

  hash(secret: string, cost: number): Promise<string> {
    this.hashes += 1;
    return this.bcrypt.hash(secret, cost);
  }

  matches(secret: string, hashed: string): Promise<boolean> {
    return this.bcrypt.matches(secret, hashed);
  }

  isCurrent(): boolean {
    return true;
  }
}

describe('UsersSeeder', () => {
  const config = loadAuthConfig({ APP_ENV: 'test', BCRYPT_COST_PIN: '4' });
  const load = { clients: 200, agents: 20 };
  const noLoad = { clients: 0, agents: 0 };
  const bcrypt = new BcryptHasher(1);

  afterAll(() => bcrypt.onApplicationShutdown());

  async function seeded(plan: SeedPlan): Promise<{ users: InMemoryUserRepository; hasher: CountingHasher }> {
    const users = new InMemoryUserRepository();
    const hasher = new CountingHasher(bcrypt);
    await new UsersSeeder(plan, users, hasher, config).onModuleInit();
    return { users, hasher };
  }

  it('given the demo data only, when starting, then every demo user verifies with its PIN, and no load user', async () => {
    const { users, hasher } = await seeded({ demo: true, load: noLoad });

    for (const demo of DEMO_USERS) {
      const user = await users.findByPhone(demo.phone);
      expect(user).toMatchObject({ id: demo.userId, role: demo.role, version: 1, failures: 0, locked: false });
      expect(await hasher.matches(demo.pin, user?.pinHash ?? '')).toBe(true);
    }
    expect(hasher.hashes).toBe(3);
    expect(await users.findById('usr-load-client-00000001')).toBeUndefined();
  });

  it('given the load data only, when starting, then it hashes each distinct PIN once at the configured cost, and every user verifies', async () => {
    const { users, hasher } = await seeded({ demo: false, load });

    expect(hasher.hashes).toBe(2);
    const client = await users.findByPhone('+2250200000200');
    const agent = await users.findByPhone('+2250600000020');
    expect(client).toMatchObject({ id: 'usr-load-client-00000200', role: 'CLIENT', version: 1, failures: 0, locked: false });
    expect(agent).toMatchObject({ id: 'usr-load-agent-00000020', role: 'AGENT' });
    expect(await hasher.matches('1111', client?.pinHash ?? '')).toBe(true);
    expect(await hasher.matches('1234', agent?.pinHash ?? '')).toBe(true);
    expect(client?.pinHash.startsWith('$2')).toBe(true);
    expect(client?.pinHash).toContain('$04$');
    expect(await users.findById(DEMO_USERS[0].userId)).toBeUndefined();
  });

  it('given both, when starting, then the demo and the load users, the shared PINs hashed once', async () => {
    const { users, hasher } = await seeded({ demo: true, load });

    expect(hasher.hashes).toBe(3);
    expect(await users.findByPhone('+2250100000001')).toMatchObject({ id: 'usr-client-0001' });
    expect(await users.findByPhone('+2250600000020')).toMatchObject({ id: 'usr-load-agent-00000020' });
  });

  it('given neither, when starting, then it hashes and saves nothing', async () => {
    const { users, hasher } = await seeded({ demo: false, load: noLoad });

    expect(hasher.hashes).toBe(0);
    expect(await users.findById(DEMO_USERS[0].userId)).toBeUndefined();
  });

  it('seeds each user once when two instances start at once, and a third later changes nothing', async () => {
    const users = new InMemoryUserRepository();
    const instance = (hasher: Hasher) => new UsersSeeder({ demo: true, load }, users, hasher, config);

    await Promise.all([instance(new CountingHasher(bcrypt)).onModuleInit(), instance(new CountingHasher(bcrypt)).onModuleInit()]);
    const demo = await users.findById('usr-client-0001');
    const loaded = await users.findById('usr-load-client-00000001');
    const later = new CountingHasher(bcrypt);
    await instance(later).onModuleInit();

    expect(await users.findById('usr-client-0001')).toEqual(demo);
    expect(await users.findById('usr-load-client-00000001')).toEqual(loaded);
    expect([demo?.version, loaded?.version]).toEqual([1, 1]);
    expect(later.hashes).toBe(0);
  });
});

import { loadAuthConfig } from '../src/auth.config';
import { Hasher } from '../src/hasher.port';
import { BcryptHasher } from '../src/infrastructure/bcrypt.hasher';
import { InMemoryUserRepository } from '../src/infrastructure/in-memory-user.repository';
import { LoadUsersSeeder } from '../src/infrastructure/load-users.seeder';

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

describe('LoadUsersSeeder', () => {
  const config = loadAuthConfig({ APP_ENV: 'test', BCRYPT_COST_PIN: '4' });
  const seed = { clients: 200, agents: 20 };
  const bcrypt = new BcryptHasher(1);

  afterAll(() => bcrypt.onApplicationShutdown());

  it('hashes each distinct PIN once at the configured cost, and every user verifies with its PIN', async () => {
    const users = new InMemoryUserRepository();
    const hasher = new CountingHasher(bcrypt);

    await new LoadUsersSeeder(seed, users, hasher, config).onModuleInit();

    expect(hasher.hashes).toBe(2);
    const client = await users.findByPhone('+2250200000200');
    const agent = await users.findByPhone('+2250600000020');
    expect(client).toMatchObject({ id: 'usr-load-client-00000200', role: 'CLIENT', version: 1, failures: 0, locked: false });
    expect(agent).toMatchObject({ id: 'usr-load-agent-00000020', role: 'AGENT' });
    expect(await hasher.matches('1111', client?.pinHash ?? '')).toBe(true);
    expect(await hasher.matches('1234', agent?.pinHash ?? '')).toBe(true);
    expect(client?.pinHash.startsWith('$2')).toBe(true);
    expect(client?.pinHash).toContain('$04$');
  });

  it('seeds each user once when two instances start at once, and again changes nothing', async () => {
    const users = new InMemoryUserRepository();
    const hasher = new CountingHasher(bcrypt);
    const instance = () => new LoadUsersSeeder(seed, users, hasher, config);

    await Promise.all([instance().onModuleInit(), instance().onModuleInit()]);
    const first = await users.findById('usr-load-client-00000001');
    await instance().onModuleInit();

    expect(await users.findById('usr-load-client-00000001')).toEqual(first);
    expect(first?.version).toBe(1);
  });

  it('given no load users, when starting, then it hashes nothing', async () => {
    const hasher = new CountingHasher(bcrypt);
    await new LoadUsersSeeder({ clients: 0, agents: 0 }, new InMemoryUserRepository(), hasher, config).onModuleInit();
    expect(hasher.hashes).toBe(0);
  });
});

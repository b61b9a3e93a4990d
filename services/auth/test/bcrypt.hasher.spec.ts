import { threadId } from 'node:worker_threads';
import { HASHER, Hasher } from '../src/hasher.port';
import { BcryptHasher } from '../src/infrastructure/bcrypt.hasher';
import { bootAuth } from './auth.harness';

describe('BcryptHasher (bcryptjs on a pool of worker threads)', () => {
  const hasher = new BcryptHasher(2);

  afterAll(() => hasher.onApplicationShutdown());

  it('hashes a secret at the given cost, and the hash matches that secret only', async () => {
    const hashed = await hasher.hash('1234', 4);

    expect(hashed).toMatch(/^\$2[aby]\$04\$/);
    expect(await hasher.matches('1234', hashed)).toBe(true);
    expect(await hasher.matches('1235', hashed)).toBe(false);
  });

  it('gives two hashes of the same secret different salts, each matching it', async () => {
    const [first, second] = await Promise.all([hasher.hash('0000', 4), hasher.hash('0000', 4)]);

    expect(first).not.toBe(second);
    expect(await Promise.all([hasher.matches('0000', first), hasher.matches('0000', second)])).toEqual([true, true]);
  });

  it('hashes and compares on worker threads, not on the thread of the event loop', async () => {
    const hashed = await hasher.run('hash', { secret: '1111', cost: 4 });
    const compared = await hasher.run('compare', { secret: '1111', hashed: hashed.value });

    expect(compared.value).toBe(true);
    expect(hashed.threadId).not.toBe(threadId);
    expect(compared.threadId).not.toBe(threadId);
  });

  it('refuses a malformed hash rather than matching it', async () => {
    await expect(hasher.matches('1234', 'not-a-bcrypt-hash')).resolves.toBe(false);
  });
});

describe('the auth module and its hasher', () => {
  it('closes the pool when the module shuts down: the hasher then refuses work', async () => {
    const harness = await bootAuth();
    const hasher = harness.app.get<Hasher>(HASHER);
    expect(await hasher.matches('1234', await hasher.hash('1234', 4))).toBe(true);

    await harness.app.close();

    await expect(hasher.hash('1234', 4)).rejects.toThrow('the hasher is shut down');
  });
});

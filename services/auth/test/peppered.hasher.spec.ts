import bcrypt from 'bcryptjs';
import { Hasher } from '../src/hasher.port';
import { PepperedHasher } from '../src/infrastructure/peppered.hasher';

/** bcryptjs on this thread: the pool is not what is under test here. */
const plainBcrypt: Hasher = {
  hash: (secret, cost) => bcrypt.hash(secret, cost),
  matches: (secret, hash) => bcrypt.compare(secret, hash),
  isCurrent: () => true,
};

describe('PepperedHasher', () => {
  const hasher = new PepperedHasher(plainBcrypt, 'pepper-of-this-test-0123456789');

  it('hashes the keyed PIN, marked as peppered, and verifies only that PIN', async () => {
    const hash = await hasher.hash('1234', 4);

    expect(hash.startsWith('pep1:$2')).toBe(true);
    expect(hasher.isCurrent(hash)).toBe(true);
    expect(await hasher.matches('1234', hash)).toBe(true);
    expect(await hasher.matches('1235', hash)).toBe(false);
  });

  it('needs the pepper: the stored hash alone does not verify the PIN, nor does another pepper', async () => {
    const hash = await hasher.hash('1234', 4);
    const stored = hash.slice('pep1:'.length);

    expect(await bcrypt.compare('1234', stored)).toBe(false);
    expect(await new PepperedHasher(plainBcrypt, 'another-pepper-0123456789').matches('1234', hash)).toBe(false);
  });

  it('still verifies a hash made before the pepper, and says it is not current', async () => {
    const legacy = await bcrypt.hash('1234', 4);

    expect(await hasher.matches('1234', legacy)).toBe(true);
    expect(await hasher.matches('0000', legacy)).toBe(false);
    expect(hasher.isCurrent(legacy)).toBe(false);
  });
});

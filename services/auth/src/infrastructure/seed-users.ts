import { DemoUser } from '@cashout/platform';
import { Hasher } from '../hasher.port';
import { UserDocument, UserRepository } from '../user.repository.port';

/**
 * One bcrypt hash per distinct PIN for a whole seeding run: seeded users share a handful of
 * PINs, and hashing each user's at the configured cost would make a thousand load users take
 * minutes. Every hash still verifies its PIN; only the salt is shared (seed data only).
 */
export class PinHashes {
  private readonly hashes = new Map<string, Promise<string>>();

  constructor(
    private readonly hasher: Hasher,
    private readonly cost: number,
  ) {}

  of(pin: string): Promise<string> {
    let hash = this.hashes.get(pin);
    if (!hash) {
      hash = this.hasher.hash(pin, this.cost);
      this.hashes.set(pin, hash);
    }
    return hash;
  }
}

/**
 * Inserts the user unless it exists. False when it already does: a restart against a kept
 * database, or another instance seeding at the same time (save refuses a duplicate id or
 * phone), seeds nothing twice.
 */
export async function seedUser(users: UserRepository, user: DemoUser, pinHashes: PinHashes): Promise<boolean> {
  if (await users.findById(user.userId)) return false;
  const document: Omit<UserDocument, 'outbox'> = {
    id: user.userId,
    version: 1,
    role: user.role,
    phone: user.phone,
    pinHash: await pinHashes.of(user.pin),
    failures: 0,
    locked: false,
    pinChecks: [],
    logins: [],
  };
  return users.save(document);
}

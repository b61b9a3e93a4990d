import { createHmac } from 'node:crypto';
import { Hasher } from '../hasher.port';

/** Marks a hash of the peppered secret; a hash without it was made before the pepper. */
const PEPPERED = 'pep1:';

/**
 * Hashing with a server-side pepper: the secret is keyed with HASH_PEPPER (HMAC-SHA256)
 * before the slow hash, so a leaked database alone does not let a 4-digit PIN be brute-forced
 * offline — the key lives in configuration, not with the data. Hashes made before the pepper
 * still verify; `isCurrent` tells the callers to re-hash such a PIN at its next match.
 */
export class PepperedHasher implements Hasher {
  constructor(
    private readonly inner: Hasher,
    private readonly pepper: string,
  ) {}

  async hash(secret: string, cost: number): Promise<string> {
    return `${PEPPERED}${await this.inner.hash(this.keyed(secret), cost)}`;
  }

  matches(secret: string, hash: string): Promise<boolean> {
    return hash.startsWith(PEPPERED) ? this.inner.matches(this.keyed(secret), hash.slice(PEPPERED.length)) : this.inner.matches(secret, hash);
  }

  isCurrent(hash: string): boolean {
    return hash.startsWith(PEPPERED);
  }

  /** 44 characters whatever the secret: within bcrypt's 72-byte input. */
  private keyed(secret: string): string {
    return createHmac('sha256', this.pepper).update(secret, 'utf8').digest('base64');
  }
}

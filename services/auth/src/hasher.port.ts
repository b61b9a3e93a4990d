export const HASHER = Symbol('HASHER');

/** One-way hashing of short secrets (PINs, OTPs); slow by design, so asynchronous. */
export interface Hasher {
  hash(secret: string, cost: number): Promise<string>;
  matches(secret: string, hash: string): Promise<boolean>;
  /** Whether `hash` was made as `hash` makes them today; an older one is re-hashed at its next match. */
  isCurrent(hash: string): boolean;
}

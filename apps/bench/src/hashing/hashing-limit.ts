/**
 * The bcrypt work of one cash-out as the auth service does it: two compares (the client's
 * OTP, the agent's PIN) and one hash (the OTP when it is issued). The operator's login is
 * one per session, not per cash-out. The auth service hashes on worker threads, so one
 * process can hash on every core.
 */
export const BCRYPT_PER_CASH_OUT = { compares: 2, hashes: 1 } as const;

export interface HashingLimit {
  cost: number;
  /** Medians of one operation, alone on the machine (ms). */
  compareMs: number;
  hashMs: number;
  /** bcrypt time of one cash-out (ms). */
  cashOutMs: number;
  /** Cash-outs/s if hashing were the only work: on one core, and on every core. */
  perCore: number;
  cores: number;
  allCores: number;
}

export function hashingLimit(cost: number, compareMs: number, hashMs: number, cores: number): HashingLimit {
  const cashOutMs = BCRYPT_PER_CASH_OUT.compares * compareMs + BCRYPT_PER_CASH_OUT.hashes * hashMs;
  const perCore = cashOutMs > 0 ? 1000 / cashOutMs : Number.POSITIVE_INFINITY;
  return { cost, compareMs, hashMs, cashOutMs, perCore, cores, allCores: perCore * cores };
}

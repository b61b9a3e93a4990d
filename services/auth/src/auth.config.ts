import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { ConfigError, Env, PlatformEnv, checkOwnSecret, loadServiceEnv } from '@cashout/platform';
import { FailureBudget } from './domain/otp-failure-budget';
import { LockPolicy } from './domain/pin-attempt';

export const AUTH_CONFIG = Symbol('AUTH_CONFIG');

export interface AuthConfig extends PlatformEnv {
  bcryptCostOtp: number;
  bcryptCostPin: number;
  otpTtlSeconds: number;
  otpMaxAttempts: number;
  /** Wrong OTPs one client's intents may take together in a rolling window. */
  otpFailureBudget: FailureBudget;
  /** Wrong OTPs one agent's intents may take together, across clients, in the same window. */
  otpAgentFailureBudget: FailureBudget;
  /** Consecutive wrong PINs that lock, and how long a lock lasts. */
  pinLock: LockPolicy;
  jwtTtlSeconds: number;
  /** HASH_PEPPER: the key PINs and OTPs are keyed with before bcrypt (see PepperedHasher). */
  hashPepper: string;
  /** Worker threads that run bcrypt, off the event loop. */
  hashWorkers: number;
}

/** Below 4 bcrypt refuses; above 15 one hash takes seconds and stalls the consumer. */
const bcryptCost = (fallback: number) => z.coerce.number().int().min(4).max(15).default(fallback);
const positiveInt = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

const AuthEnvSchema = z.object({
  BCRYPT_COST_OTP: bcryptCost(10),
  BCRYPT_COST_PIN: bcryptCost(10),
  OTP_TTL_SECONDS: positiveInt(300),
  OTP_MAX_ATTEMPTS: positiveInt(3),
  OTP_FAILURE_BUDGET: positiveInt(10),
  OTP_FAILURE_WINDOW_SECONDS: positiveInt(24 * 60 * 60),
  OTP_AGENT_FAILURE_BUDGET: positiveInt(30),
  PIN_MAX_ATTEMPTS: positiveInt(3),
  PIN_LOCK_SECONDS: positiveInt(15 * 60),
  PIN_LOCK_MAX_SECONDS: positiveInt(24 * 60 * 60),
  JWT_TTL_SECONDS: positiveInt(3600),
  HASH_WORKERS: positiveInt(availableParallelism()),
  HASH_PEPPER: z.string().min(16, 'must be at least 16 characters').optional(),
});

const DEV_HASH_PEPPER = 'dev-only-hash-pepper';

/** The only reader of the environment for auth; throws a ConfigError naming every problem. */
export function loadAuthConfig(env: Env): AuthConfig {
  const schema = AuthEnvSchema.superRefine((own, context) => checkOwnSecret(env, { name: 'HASH_PEPPER', value: own.HASH_PEPPER }, context, [DEV_HASH_PEPPER]));
  const { platform, own: auth } = loadServiceEnv(schema, env);
  if (auth.JWT_TTL_SECONDS > platform.jwt.maxLifetimeSeconds) {
    throw new ConfigError([`JWT_TTL_SECONDS: must be at most JWT_MAX_TTL_SECONDS (${platform.jwt.maxLifetimeSeconds})`]);
  }
  return {
    ...platform,
    bcryptCostOtp: auth.BCRYPT_COST_OTP,
    bcryptCostPin: auth.BCRYPT_COST_PIN,
    otpTtlSeconds: auth.OTP_TTL_SECONDS,
    otpMaxAttempts: auth.OTP_MAX_ATTEMPTS,
    otpFailureBudget: { limit: auth.OTP_FAILURE_BUDGET, windowSeconds: auth.OTP_FAILURE_WINDOW_SECONDS },
    otpAgentFailureBudget: { limit: auth.OTP_AGENT_FAILURE_BUDGET, windowSeconds: auth.OTP_FAILURE_WINDOW_SECONDS },
    pinLock: {
      maxAttempts: auth.PIN_MAX_ATTEMPTS,
      lockSeconds: auth.PIN_LOCK_SECONDS,
      maxLockSeconds: Math.max(auth.PIN_LOCK_SECONDS, auth.PIN_LOCK_MAX_SECONDS),
    },
    jwtTtlSeconds: auth.JWT_TTL_SECONDS,
    hashWorkers: auth.HASH_WORKERS,
    hashPepper: auth.HASH_PEPPER ?? DEV_HASH_PEPPER,
  };
}

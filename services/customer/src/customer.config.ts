import { z } from 'zod';
import { Env, PlatformEnv, checkOwnSecret, envInt, loadServiceEnv } from '@cashout/platform';

export const CUSTOMER_CONFIG = Symbol('CUSTOMER_CONFIG');

export interface CustomerConfig extends PlatformEnv {
  /** Life of a QR token from issue (QR_TOKEN_TTL_SECONDS, default 120). */
  qrTokenTtlSeconds: number;
  /** HMAC key signing QR tokens (QR_TOKEN_SECRET; in development and test, the JWT secret when unset). */
  qrTokenSecret: string;
}

const CustomerEnvSchema = z.object({
  QR_TOKEN_TTL_SECONDS: envInt(120, 1),
  QR_TOKEN_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
});

/** The only reader of the environment for the customer service; fails fast at start-up. */
export function loadCustomerConfig(env: Env): CustomerConfig {
  const schema = CustomerEnvSchema.superRefine((own, context) => checkOwnSecret(env, { name: 'QR_TOKEN_SECRET', value: own.QR_TOKEN_SECRET }, context));
  const { platform, own } = loadServiceEnv(schema, env);
  return {
    ...platform,
    qrTokenTtlSeconds: own.QR_TOKEN_TTL_SECONDS,
    qrTokenSecret: own.QR_TOKEN_SECRET ?? platform.jwt.current.secret,
  };
}

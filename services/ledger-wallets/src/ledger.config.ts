import { z } from 'zod';
import { Env, envInt, loadServiceEnv, PlatformEnv } from '@cashout/platform';
import { DEFAULT_FEE_BANDS, FeeBand, validateBands } from './domain/fees';
import { SagaConfig } from './domain/intent-saga';

export const LEDGER_CONFIG = Symbol('LEDGER_CONFIG');

export interface LedgerConfig {
  platform: PlatformEnv;
  saga: SagaConfig;
  expirySweepIntervalMs: number;
  /** A step unanswered this long is asked for again by the sweeper (crash recovery). */
  stalledAfterMs: number;
}

const FeeBandsSchema = z.array(z.object({ min: z.number().int().min(0), max: z.number().int().min(0), fee: z.number().int().min(0) }).strict()).min(1);

const LedgerEnvSchema = z.object({
  INTENT_TTL_SECONDS: envInt(600, 1),
  OTP_MAX_ATTEMPTS: envInt(3, 1),
  OTP_MAX_RESENDS: envInt(3, 0),
  OTP_RESEND_COOLDOWN_SECONDS: envInt(30, 0),
  COMMISSION_PERCENT: envInt(40, 0).refine((value) => value <= 100, 'must be at most 100'),
  FEE_BANDS_JSON: z.string().optional(),
  SUPPORTED_CURRENCIES: z.string().default('XOF'),
  EXPIRY_SWEEP_INTERVAL_MS: envInt(1000, 50),
  STALLED_AFTER_MS: envInt(10_000, 100),
});

function parseBands(raw: string | undefined): FeeBand[] {
  if (!raw) return DEFAULT_FEE_BANDS;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error('invalid configuration:\n  - FEE_BANDS_JSON: is not valid JSON');
  }
  const bands = FeeBandsSchema.safeParse(json);
  if (!bands.success) throw new Error(`invalid configuration:\n  - FEE_BANDS_JSON: ${bands.error.issues[0]?.message}`);
  const problems = validateBands(bands.data);
  if (problems.length > 0) throw new Error(`invalid configuration:\n  - FEE_BANDS_JSON: ${problems.join('; ')}`);
  return bands.data;
}

export function loadLedgerConfig(env: Env): LedgerConfig {
  const { platform, own: parsed } = loadServiceEnv(LedgerEnvSchema, env);
  return {
    platform,
    saga: {
      intentTtlSeconds: parsed.INTENT_TTL_SECONDS,
      otpMaxAttempts: parsed.OTP_MAX_ATTEMPTS,
      otpMaxResends: parsed.OTP_MAX_RESENDS,
      otpResendCooldownSeconds: parsed.OTP_RESEND_COOLDOWN_SECONDS,
      fees: { bands: parseBands(parsed.FEE_BANDS_JSON), commissionBps: parsed.COMMISSION_PERCENT * 100 },
      supportedCurrencies: parsed.SUPPORTED_CURRENCIES.split(',')
        .map((code) => code.trim())
        .filter(Boolean),
    },
    expirySweepIntervalMs: parsed.EXPIRY_SWEEP_INTERVAL_MS,
    stalledAfterMs: parsed.STALLED_AFTER_MS,
  };
}

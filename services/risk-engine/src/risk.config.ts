import { z } from 'zod';
import { ConfigError, Env, PlatformEnv, loadEvery, envInt, loadPlatformEnv, parseEnv } from '@cashout/platform';
import { CurrencySchema } from '@cashout/shared-contracts';
import { AbuseBudgets, DEFAULT_ABUSE_BUDGETS } from './domain/abuse-budgets';
import { DEFAULT_RISK_LIMITS, RiskLimits, TierLimits } from './domain/risk-limits';

export const RISK_CONFIG = Symbol('RISK_CONFIG');

export interface RiskConfig extends PlatformEnv {
  limits: RiskLimits;
  /** Caps on open intents and budgets of OTP sends, per agent and per client. */
  budgets: AbuseBudgets;
}

const BudgetsEnvSchema = z.object({
  OPEN_INTENTS_PER_AGENT: envInt(DEFAULT_ABUSE_BUDGETS.openIntentsPerAgent, 1),
  OPEN_INTENTS_PER_CLIENT: envInt(DEFAULT_ABUSE_BUDGETS.openIntentsPerClient, 1),
  OTP_SENDS_PER_AGENT: envInt(DEFAULT_ABUSE_BUDGETS.otpSendsPerAgent, 1),
  OTP_SENDS_PER_CLIENT: envInt(DEFAULT_ABUSE_BUDGETS.otpSendsPerClient, 1),
  OTP_SEND_WINDOW_SECONDS: envInt(DEFAULT_ABUSE_BUDGETS.otpSendWindowSeconds, 1),
});

function parseBudgets(env: Env): AbuseBudgets {
  const own = parseEnv(BudgetsEnvSchema, env);
  return {
    openIntentsPerAgent: own.OPEN_INTENTS_PER_AGENT,
    openIntentsPerClient: own.OPEN_INTENTS_PER_CLIENT,
    otpSendsPerAgent: own.OTP_SENDS_PER_AGENT,
    otpSendsPerClient: own.OTP_SENDS_PER_CLIENT,
    otpSendWindowSeconds: own.OTP_SEND_WINDOW_SECONDS,
  };
}

const amount = z.number().int('must be an integer number of minor units').positive('must be positive');

const TierOverrideSchema = z
  .object({
    minPerCashOut: amount,
    maxPerCashOut: amount,
    dailyTotal: amount,
    monthlyTotal: amount,
    maxCashOutsPerHour: z.number().int().positive('must be positive'),
  })
  .partial()
  .strict();

/** RISK_LIMITS_JSON: any part of the limits; what is left out keeps its default. */
const LimitsOverrideSchema = z
  .object({
    currency: CurrencySchema,
    tiers: z.object({ 1: TierOverrideSchema, 2: TierOverrideSchema, 3: TierOverrideSchema }).partial().strict(),
    agentDailyTotal: amount,
  })
  .partial()
  .strict();

function mergeLimits(override: z.infer<typeof LimitsOverrideSchema>): RiskLimits {
  const tiers = override.tiers ?? {};
  const tier1: TierLimits = { ...DEFAULT_RISK_LIMITS.tiers[1], ...tiers[1] };
  const tier2: TierLimits = { ...DEFAULT_RISK_LIMITS.tiers[2], ...tiers[2] };
  // Tier 3 follows tier 2 unless it is configured itself.
  const tier3: TierLimits = tiers[3] ? { ...DEFAULT_RISK_LIMITS.tiers[3], ...tiers[3] } : tier2;
  return {
    currency: override.currency ?? DEFAULT_RISK_LIMITS.currency,
    tiers: { 1: tier1, 2: tier2, 3: tier3 },
    agentDailyTotal: override.agentDailyTotal ?? DEFAULT_RISK_LIMITS.agentDailyTotal,
  };
}

function inconsistencies(limits: RiskLimits): string[] {
  return ([1, 2, 3] as const).flatMap((tier) => {
    const { minPerCashOut, maxPerCashOut } = limits.tiers[tier];
    return minPerCashOut > maxPerCashOut ? [`RISK_LIMITS_JSON.tiers.${tier}: minPerCashOut (${minPerCashOut}) exceeds maxPerCashOut (${maxPerCashOut})`] : [];
  });
}

/** Parses RISK_LIMITS_JSON over the defaults; every problem is named at start-up. */
export function parseRiskLimits(json: string | undefined): RiskLimits {
  if (json === undefined || json.trim() === '') return DEFAULT_RISK_LIMITS;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new ConfigError([`RISK_LIMITS_JSON: is not valid JSON (${error instanceof Error ? error.message : 'parse error'})`]);
  }
  const parsed = LimitsOverrideSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `RISK_LIMITS_JSON.${issue.path.join('.') || '(root)'}: ${issue.message}`));
  }
  const limits = mergeLimits(parsed.data);
  const problems = inconsistencies(limits);
  if (problems.length > 0) throw new ConfigError(problems);
  return limits;
}

/** The only reader of the environment for the risk engine. */
export function loadRiskConfig(env: Env): RiskConfig {
  const { platform, limits, budgets } = loadEvery(
    { platform: loadPlatformEnv, limits: (source: Env) => parseRiskLimits(source.RISK_LIMITS_JSON), budgets: parseBudgets },
    env,
  );
  return { ...platform, limits, budgets };
}

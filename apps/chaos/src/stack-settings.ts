import { LOAD_BUDGETS_OFF } from '@cashout/distributed';
import { ChaosOptions } from './options/chaos-options';

/** What the settings depend on: the bench passes its own. */
export type LoadStackOptions = Pick<ChaosOptions, 'bcryptCost' | 'intentTtlS' | 'clients' | 'agents'>;

/**
 * The stack's settings for a chaos run (and a bench run): test secrets and cheap hashing, no resend cooldown
 * (the mix re-sends OTPs), rate limits and risk limits out of the way (a load on a few
 * dozen customers would otherwise hit the hourly and daily caps), a short intent deadline
 * so that abandoned intents expire within the run, and the load customers seeded.
 */
export function stackSettings(options: LoadStackOptions): Record<string, string> {
  const unlimited = { maxCashOutsPerHour: 1_000_000, dailyTotal: 1_000_000_000_000, monthlyTotal: 1_000_000_000_000 };
  return {
    APP_ENV: 'test',
    BCRYPT_COST_OTP: String(options.bcryptCost),
    BCRYPT_COST_PIN: String(options.bcryptCost),
    OTP_RESEND_COOLDOWN_SECONDS: '0',
    ...LOAD_BUDGETS_OFF,
    INTENT_TTL_SECONDS: String(options.intentTtlS),
    SEED_LOAD_CLIENTS: String(options.clients),
    SEED_LOAD_AGENTS: String(options.agents),
    RISK_LIMITS_JSON: JSON.stringify({ tiers: { 1: unlimited, 2: unlimited }, agentDailyTotal: 1_000_000_000_000 }),
  };
}

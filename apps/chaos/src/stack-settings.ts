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
    RATE_LIMIT_LOGIN_PER_MINUTE: '1000000',
    RATE_LIMIT_PER_MINUTE: '1000000',
    // Every load request comes from one address.
    RATE_LIMIT_FAILED_LOGINS_PER_ADDRESS: '1000000',
    RATE_LIMIT_FAILED_LOGINS: '1000000',
    // The mix enters wrong OTPs on purpose, on a few dozen clients.
    OTP_FAILURE_BUDGET: '1000000',
    OTP_AGENT_FAILURE_BUDGET: '1000000',
    // A few agents drive every load flow at once, and killed flows stay open until their deadline.
    OPEN_INTENTS_PER_AGENT: '1000000',
    OPEN_INTENTS_PER_CLIENT: '1000000',
    OTP_SENDS_PER_AGENT: '1000000',
    OTP_SENDS_PER_CLIENT: '1000000',
    INTENT_TTL_SECONDS: String(options.intentTtlS),
    SEED_LOAD_CLIENTS: String(options.clients),
    SEED_LOAD_AGENTS: String(options.agents),
    RISK_LIMITS_JSON: JSON.stringify({ tiers: { 1: unlimited, 2: unlimited }, agentDailyTotal: 1_000_000_000_000 }),
  };
}

/** The limits of one KYC tier, in minor units of the limits' currency. */
export interface TierLimits {
  minPerCashOut: number;
  maxPerCashOut: number;
  dailyTotal: number;
  monthlyTotal: number;
  maxCashOutsPerHour: number;
}

export type KycTier = 1 | 2 | 3;

export interface RiskLimits {
  /** Every amount below is in this currency; counters are never mixed across currencies. */
  currency: string;
  tiers: Record<KycTier, TierLimits>;
  agentDailyTotal: number;
}

const TIER_1: TierLimits = {
  minPerCashOut: 500,
  maxPerCashOut: 100_000,
  dailyTotal: 200_000,
  monthlyTotal: 1_000_000,
  maxCashOutsPerHour: 10,
};

const TIER_2: TierLimits = {
  minPerCashOut: 500,
  maxPerCashOut: 1_000_000,
  dailyTotal: 2_000_000,
  monthlyTotal: 10_000_000,
  maxCashOutsPerHour: 10,
};

/** docs/api.md "Default limits" (XOF); tier 3 has tier 2's limits. */
export const DEFAULT_RISK_LIMITS: RiskLimits = {
  currency: 'XOF',
  tiers: { 1: TIER_1, 2: TIER_2, 3: TIER_2 },
  agentDailyTotal: 20_000_000,
};

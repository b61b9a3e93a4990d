import { CustomerStatus } from '@cashout/shared-contracts';
import { KycTier, RiskLimits } from './risk-limits';
import { RiskReason } from './risk-reason';
import { Usage } from './usage';

export interface CashOutCheck {
  client: { kycTier: number; status: CustomerStatus };
  amount: number;
  currency: string;
}

const tierOf = (kycTier: number): KycTier => (kycTier >= 3 ? 3 : kycTier <= 1 ? 1 : 2);

/**
 * Every reason that refuses the cash-out; empty means approved. Limits are inclusive:
 * reaching a limit exactly is allowed, going one minor unit beyond it is not.
 */
export function evaluateCashOut(limits: RiskLimits, usage: Usage, request: CashOutCheck): RiskReason[] {
  const reasons: RiskReason[] = [];
  if (request.client.status === 'SUSPENDED') reasons.push('CUSTOMER_SUSPENDED');
  if (request.client.status === 'BLOCKED') reasons.push('CUSTOMER_BLOCKED');
  // Limits are denominated in one currency: another currency cannot be weighed against them.
  if (request.currency !== limits.currency) return [...reasons, 'CURRENCY_NOT_SUPPORTED'];

  const tier = limits.tiers[tierOf(request.client.kycTier)];
  const { amount } = request;
  if (amount < tier.minPerCashOut) reasons.push('AMOUNT_BELOW_MINIMUM');
  if (amount > tier.maxPerCashOut) reasons.push('AMOUNT_ABOVE_MAXIMUM');
  if (usage.clientDayTotal + amount > tier.dailyTotal) reasons.push('DAILY_LIMIT_EXCEEDED');
  if (usage.clientMonthTotal + amount > tier.monthlyTotal) reasons.push('MONTHLY_LIMIT_EXCEEDED');
  if (usage.clientCashOutsLastHour + 1 > tier.maxCashOutsPerHour) reasons.push('HOURLY_VELOCITY_EXCEEDED');
  if (usage.agentDayTotal + amount > limits.agentDailyTotal) reasons.push('AGENT_DAILY_LIMIT_EXCEEDED');
  return reasons;
}

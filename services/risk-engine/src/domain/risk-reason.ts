/** Stable refusal reasons: the gateway shows them in RISK_DENIED details. */
export const RISK_REASONS = [
  'CUSTOMER_SUSPENDED',
  'CUSTOMER_BLOCKED',
  'CURRENCY_NOT_SUPPORTED',
  'AMOUNT_BELOW_MINIMUM',
  'AMOUNT_ABOVE_MAXIMUM',
  'DAILY_LIMIT_EXCEEDED',
  'MONTHLY_LIMIT_EXCEEDED',
  'HOURLY_VELOCITY_EXCEEDED',
  'AGENT_DAILY_LIMIT_EXCEEDED',
  /** The intent's reservation was released (the intent ended): it is never reserved again. */
  'RESERVATION_RELEASED',
] as const;

export type RiskReason = (typeof RISK_REASONS)[number];

import { CashOutCheck, evaluateCashOut } from '../src/domain/evaluate-cash-out';
import { DEFAULT_RISK_LIMITS } from '../src/domain/risk-limits';
import { Usage } from '../src/domain/usage';

const limits = DEFAULT_RISK_LIMITS;
const noUsage: Usage = { clientDayTotal: 0, clientMonthTotal: 0, clientCashOutsLastHour: 0, agentDayTotal: 0 };
const check = (amount: number, overrides: Partial<CashOutCheck['client']> = {}, currency = 'XOF'): CashOutCheck => ({
  client: { kycTier: 1, status: 'ACTIVE', ...overrides },
  amount,
  currency,
});

describe('evaluateCashOut', () => {
  it('approves an ordinary cash-out with no usage', () => {
    expect(evaluateCashOut(limits, noUsage, check(10_000))).toEqual([]);
  });

  describe('customer status', () => {
    it('refuses a suspended customer: CUSTOMER_SUSPENDED', () => {
      expect(evaluateCashOut(limits, noUsage, check(10_000, { status: 'SUSPENDED' }))).toEqual(['CUSTOMER_SUSPENDED']);
    });

    it('refuses a blocked customer: CUSTOMER_BLOCKED', () => {
      expect(evaluateCashOut(limits, noUsage, check(10_000, { status: 'BLOCKED' }))).toEqual(['CUSTOMER_BLOCKED']);
    });
  });

  describe('per cash-out amount', () => {
    it('allows exactly the minimum (500)', () => {
      expect(evaluateCashOut(limits, noUsage, check(500))).toEqual([]);
    });

    it('refuses one below the minimum: AMOUNT_BELOW_MINIMUM', () => {
      expect(evaluateCashOut(limits, noUsage, check(499))).toEqual(['AMOUNT_BELOW_MINIMUM']);
    });

    it('allows exactly the tier 1 maximum (100 000)', () => {
      expect(evaluateCashOut(limits, noUsage, check(100_000))).toEqual([]);
    });

    it('refuses one over the tier 1 maximum: AMOUNT_ABOVE_MAXIMUM', () => {
      expect(evaluateCashOut(limits, noUsage, check(100_001))).toEqual(['AMOUNT_ABOVE_MAXIMUM']);
    });

    it('allows exactly the tier 2 maximum (1 000 000)', () => {
      expect(evaluateCashOut(limits, noUsage, check(1_000_000, { kycTier: 2 }))).toEqual([]);
    });

    it('refuses one over the tier 2 maximum: AMOUNT_ABOVE_MAXIMUM', () => {
      expect(evaluateCashOut(limits, noUsage, check(1_000_001, { kycTier: 2 }))).toEqual(['AMOUNT_ABOVE_MAXIMUM']);
    });

    it('gives tier 3 the limits of tier 2', () => {
      expect(evaluateCashOut(limits, noUsage, check(1_000_000, { kycTier: 3 }))).toEqual([]);
      expect(evaluateCashOut(limits, noUsage, check(1_000_001, { kycTier: 3 }))).toEqual(['AMOUNT_ABOVE_MAXIMUM']);
    });
  });

  describe('daily total per client', () => {
    it('allows reaching exactly the tier 1 daily limit (200 000)', () => {
      expect(evaluateCashOut(limits, { ...noUsage, clientDayTotal: 150_000 }, check(50_000))).toEqual([]);
    });

    it('refuses one over the tier 1 daily limit: DAILY_LIMIT_EXCEEDED', () => {
      expect(evaluateCashOut(limits, { ...noUsage, clientDayTotal: 150_001 }, check(50_000))).toEqual(['DAILY_LIMIT_EXCEEDED']);
    });

    it('allows reaching exactly the tier 2 daily limit (2 000 000)', () => {
      expect(evaluateCashOut(limits, { ...noUsage, clientDayTotal: 1_000_000 }, check(1_000_000, { kycTier: 2 }))).toEqual([]);
    });

    it('refuses one over the tier 2 daily limit: DAILY_LIMIT_EXCEEDED', () => {
      const usage = { ...noUsage, clientDayTotal: 1_000_001, clientMonthTotal: 1_000_001 };
      expect(evaluateCashOut(limits, usage, check(1_000_000, { kycTier: 2 }))).toEqual(['DAILY_LIMIT_EXCEEDED']);
    });
  });

  describe('monthly total per client', () => {
    it('allows reaching exactly the tier 1 monthly limit (1 000 000)', () => {
      expect(evaluateCashOut(limits, { ...noUsage, clientMonthTotal: 900_000 }, check(100_000))).toEqual([]);
    });

    it('refuses one over the tier 1 monthly limit: MONTHLY_LIMIT_EXCEEDED', () => {
      expect(evaluateCashOut(limits, { ...noUsage, clientMonthTotal: 900_001 }, check(100_000))).toEqual(['MONTHLY_LIMIT_EXCEEDED']);
    });

    it('allows reaching exactly the tier 2 monthly limit (10 000 000)', () => {
      expect(evaluateCashOut(limits, { ...noUsage, clientMonthTotal: 9_000_000 }, check(1_000_000, { kycTier: 2 }))).toEqual([]);
    });

    it('refuses one over the tier 2 monthly limit: MONTHLY_LIMIT_EXCEEDED', () => {
      expect(evaluateCashOut(limits, { ...noUsage, clientMonthTotal: 9_000_001 }, check(1_000_000, { kycTier: 2 }))).toEqual(['MONTHLY_LIMIT_EXCEEDED']);
    });
  });

  describe('cash-outs per rolling hour per client', () => {
    it('allows the 10th cash-out of the hour', () => {
      expect(evaluateCashOut(limits, { ...noUsage, clientCashOutsLastHour: 9 }, check(1_000))).toEqual([]);
    });

    it('refuses the 11th: HOURLY_VELOCITY_EXCEEDED', () => {
      expect(evaluateCashOut(limits, { ...noUsage, clientCashOutsLastHour: 10 }, check(1_000))).toEqual(['HOURLY_VELOCITY_EXCEEDED']);
    });
  });

  describe('daily volume per agent', () => {
    it('allows reaching exactly the agent daily limit (20 000 000)', () => {
      expect(evaluateCashOut(limits, { ...noUsage, agentDayTotal: 19_990_000 }, check(10_000))).toEqual([]);
    });

    it('refuses one over the agent daily limit: AGENT_DAILY_LIMIT_EXCEEDED', () => {
      expect(evaluateCashOut(limits, { ...noUsage, agentDayTotal: 19_990_001 }, check(10_000))).toEqual(['AGENT_DAILY_LIMIT_EXCEEDED']);
    });
  });

  it('lists every reason that applies at once', () => {
    const usage: Usage = { clientDayTotal: 200_000, clientMonthTotal: 1_000_000, clientCashOutsLastHour: 10, agentDayTotal: 20_000_000 };
    expect(evaluateCashOut(limits, usage, check(100_001, { status: 'BLOCKED' }))).toEqual([
      'CUSTOMER_BLOCKED',
      'AMOUNT_ABOVE_MAXIMUM',
      'DAILY_LIMIT_EXCEEDED',
      'MONTHLY_LIMIT_EXCEEDED',
      'HOURLY_VELOCITY_EXCEEDED',
      'AGENT_DAILY_LIMIT_EXCEEDED',
    ]);
  });

  it('refuses a currency the limits are not expressed in: CURRENCY_NOT_SUPPORTED', () => {
    expect(evaluateCashOut(limits, noUsage, check(10_000, {}, 'EUR'))).toEqual(['CURRENCY_NOT_SUPPORTED']);
  });
});

import { DEFAULT_RISK_LIMITS } from '../src/domain/risk-limits';
import { loadRiskConfig } from '../src/risk.config';

describe('loadRiskConfig', () => {
  it('uses the default limits of docs/api.md "Default limits" without RISK_LIMITS_JSON', () => {
    const { limits } = loadRiskConfig({ APP_ENV: 'test' });
    expect(limits).toEqual(DEFAULT_RISK_LIMITS);
    expect(limits.tiers[1]).toEqual({
      minPerCashOut: 500,
      maxPerCashOut: 100_000,
      dailyTotal: 200_000,
      monthlyTotal: 1_000_000,
      maxCashOutsPerHour: 10,
    });
    expect(limits.tiers[3]).toEqual(limits.tiers[2]);
    expect(limits.agentDailyTotal).toBe(20_000_000);
  });

  it('overrides only what RISK_LIMITS_JSON gives, tier 3 following tier 2', () => {
    const { limits } = loadRiskConfig({
      APP_ENV: 'test',
      RISK_LIMITS_JSON: JSON.stringify({ tiers: { 2: { dailyTotal: 3_000_000 } }, agentDailyTotal: 5_000_000 }),
    });
    expect(limits.tiers[2].dailyTotal).toBe(3_000_000);
    expect(limits.tiers[2].maxPerCashOut).toBe(1_000_000);
    expect(limits.tiers[3].dailyTotal).toBe(3_000_000);
    expect(limits.tiers[1]).toEqual(DEFAULT_RISK_LIMITS.tiers[1]);
    expect(limits.agentDailyTotal).toBe(5_000_000);
  });

  it('fails on RISK_LIMITS_JSON that is not JSON', () => {
    expect(() => loadRiskConfig({ APP_ENV: 'test', RISK_LIMITS_JSON: '{tiers' })).toThrow(/RISK_LIMITS_JSON: is not valid JSON/);
  });

  it('fails naming a non-integer limit', () => {
    expect(() => loadRiskConfig({ APP_ENV: 'test', RISK_LIMITS_JSON: '{"tiers":{"1":{"dailyTotal":10.5}}}' })).toThrow(
      /RISK_LIMITS_JSON\.tiers\.1\.dailyTotal/,
    );
  });

  it('fails naming an unknown key', () => {
    expect(() => loadRiskConfig({ APP_ENV: 'test', RISK_LIMITS_JSON: '{"agentDaily":1}' })).toThrow(/agentDaily/);
  });

  it('fails when a minimum exceeds its maximum', () => {
    expect(() => loadRiskConfig({ APP_ENV: 'test', RISK_LIMITS_JSON: '{"tiers":{"1":{"minPerCashOut":200000}}}' })).toThrow(
      /minPerCashOut \(200000\) exceeds maxPerCashOut/,
    );
  });
});

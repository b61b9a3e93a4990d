import { expectedFee } from '../src/domain/fees';
import { MixOptions, planFlow, RESENDS } from '../src/domain/flow-plan';
import { loadClientPhone, loadPopulation } from '../src/domain/population';

const mix: MixOptions = { seed: 7, population: loadPopulation(40, 8), gateways: 2, mobileProShare: 0.25, resendShare: 0.1, abandonShare: 0.05 };
const plans = Array.from({ length: 2_000 }, (_, index) => planFlow(index, mix));

describe('planFlow', () => {
  it('plans flow i the same way for the same seed, whatever was planned before', () => {
    expect(planFlow(123, mix)).toEqual(plans[123]);
    expect(planFlow(5, { ...mix, seed: 8 })).not.toEqual(plans[5]);
  });

  it('draws customers from the population and amounts the tariff covers', () => {
    for (const plan of plans) {
      expect(mix.population.clients).toContain(plan.clientPhone);
      expect(mix.population.agents).toContain(plan.agentPhone);
      expect(expectedFee(plan.amount)).toBeDefined();
      expect(plan.gateway).toBeLessThan(2);
    }
  });

  it('re-sends about the share of requests asked for', () => {
    const resent = plans.reduce((sum, plan) => sum + plan.resends.length, 0);
    expect(resent / (plans.length * RESENDS.length)).toBeCloseTo(0.1, 1);
    for (const kind of RESENDS) expect(plans.some((plan) => plan.resends.includes(kind))).toBe(true);
  });

  it('mixes both channels and abandons a few flows', () => {
    const mobilePro = plans.filter((plan) => plan.channel === 'MOBILE_PRO').length / plans.length;
    expect(mobilePro).toBeGreaterThan(0.2);
    expect(mobilePro).toBeLessThan(0.3);
    const abandoned = plans.filter((plan) => plan.abandonAfter).length / plans.length;
    expect(abandoned).toBeGreaterThan(0.03);
    expect(abandoned).toBeLessThan(0.07);
  });

  it('numbers load clients from 1 on eight digits', () => {
    expect(loadClientPhone(1)).toBe('+2250200000001');
    expect(loadPopulation(3, 1).clients).toEqual(['+2250200000001', '+2250200000002', '+2250200000003']);
    expect(loadPopulation(1, 12).agents[11]).toBe('+2250600000012');
  });
});

import { cpuBudget } from '../src/figures/cpu-budget';

describe('cpuBudget', () => {
  it('given the CPU of each process over a run, when budgeted, then instances add up per kind and each share is per cash-out', () => {
    const budget = cpuBudget(
      [
        { process: 'auth-0', cpuS: 2 },
        { process: 'auth-1', cpuS: 3 },
        { process: 'ferretdb', cpuS: 10 },
        { process: 'gateway-0', eventLoopP99Ms: 12 },
      ],
      100,
      2,
    );

    expect(budget?.groups).toEqual([
      { group: 'ferretdb', msPerCashOut: 100 },
      { group: 'auth', msPerCashOut: 50 },
    ]);
    expect(budget?.totalMsPerCashOut).toBe(150);
    expect(budget?.ceilingPerSecond).toBeCloseTo(2000 / 150);
  });

  it('given the load client among the processes, when budgeted, then it is reported apart, out of the platform and its ceiling', () => {
    const budget = cpuBudget(
      [
        { process: 'embedded', cpuS: 10 },
        { process: 'load client', cpuS: 4, loadClient: true },
      ],
      1_000,
      2,
    );

    expect(budget?.groups).toEqual([{ group: 'embedded', msPerCashOut: 10 }]);
    expect(budget?.totalMsPerCashOut).toBe(10);
    expect(budget?.loadClientMsPerCashOut).toBe(4);
  });

  it('given no CPU figure or no completed cash-out, when budgeted, then there is no budget', () => {
    expect(cpuBudget([{ process: 'auth-0', rssEndMiB: 100 }], 10, 2)).toBeUndefined();
    expect(cpuBudget([{ process: 'auth-0', cpuS: 1 }], 0, 2)).toBeUndefined();
  });
});

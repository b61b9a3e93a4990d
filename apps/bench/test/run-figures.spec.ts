import { RunFigures, medianOfRuns, runFigures } from '../src/figures/run-figures';
import { LoadResult } from '../src/load/run-load';
import { STEPS, TimedCashOut } from '../src/load/timed-cash-out';

const cashOut = (index: number, endedAt: number, stepMs: number, outcome: TimedCashOut['outcome'] = 'succeeded'): TimedCashOut => ({
  index,
  outcome,
  ...(outcome === 'failed' ? { reason: 'confirm: POST /intents/0b1f4c1e-2a3b-4c5d-8e9f-001122334455/confirm answered HTTP 504' } : {}),
  startedAt: endedAt - 7 * stepMs,
  endedAt,
  steps: Object.fromEntries(STEPS.map((step) => [step, stepMs])),
  toldSucceeded: outcome === 'succeeded',
});

describe('runFigures', () => {
  const warmUp = cashOut(0, -100, 1_000);
  const measured = [cashOut(1, 500, 10), cashOut(2, 5_000, 20), cashOut(3, 9_900, 30), cashOut(4, 10_300, 40), cashOut(5, 6_000, 50, 'failed')];
  const inFlightAtOpening = { ...cashOut(6, 300, 5), startedAt: -500 };
  const load: LoadResult = { windowStartAt: 0, windowEndAt: 10_000, endedAt: 10_400, records: [warmUp, inFlightAtOpening, ...measured], measured };

  it('given a run, when summarised, then the cash-outs of the window are counted, failures by reason without ids', () => {
    const figures = runFigures(load, []);

    expect([figures.attempted, figures.succeeded, figures.failed]).toEqual([5, 4, 1]);
    expect(figures.failures).toEqual({ 'confirm: POST /intents/<id>/confirm answered HTTP 504': 1 });
  });

  it('given a run, when summarised, then throughput counts every success ending inside the window, in flight at its opening or not', () => {
    const figures = runFigures(load, []);

    expect(figures.windowS).toBe(10);
    expect(figures.cashOutsPerSecond).toBe(0.4);
    expect([figures.firstTenthPerSecond, figures.lastTenthPerSecond]).toEqual([2, 1]);
  });

  it('given a run, when summarised, then latencies are of the successes in the window, drain included, warm-up left out', () => {
    const figures = runFigures(load, []);

    expect(figures.latency.login).toEqual({ count: 4, p50: 20, p95: 40, p99: 40 });
    expect(figures.latency['cash-out'].p50).toBe(140);
  });

  it('given cash-outs that reused the session, when summarised, then the login is of those that logged in, not a 0 for the others', () => {
    const reusing = measured.slice(0, 3).map((record) => ({ ...record, steps: { ...record.steps, login: undefined } }));
    const figures = runFigures({ ...load, records: [...reusing, measured[3]], measured: [...reusing, measured[3]] }, []);

    expect(figures.latency.login).toEqual({ count: 1, p50: 40, p95: 40, p99: 40 });
    expect(figures.latency.create.count).toBe(4);
  });
});

describe('medianOfRuns', () => {
  const run = (perSecond: number, p99: number, rssEndMiB: number, failed: number): RunFigures => ({
    ...runFigures({ windowStartAt: 0, windowEndAt: 1_000, endedAt: 1_000, records: [cashOut(0, 500, p99 / 7)], measured: [cashOut(0, 500, p99 / 7)] }, [
      { process: 'auth-0', eventLoopP99Ms: p99, rssEndMiB },
    ]),
    cashOutsPerSecond: perSecond,
    failed,
  });

  it('given three runs, when combined, then rates and percentiles are medians and counts are sums', () => {
    const combined = medianOfRuns([run(10, 70, 100, 0), run(30, 210, 300, 1), run(20, 140, 200, 2)]);

    expect(combined.cashOutsPerSecond).toBe(20);
    expect(combined.latency['cash-out'].p99).toBe(140);
    expect(combined.latency['cash-out'].count).toBe(3);
    expect(combined.failed).toBe(3);
    expect(combined.processes).toEqual([{ process: 'auth-0', eventLoopP99Ms: 140, rssEndMiB: 200 }]);
  });

  it('given runs with the load client, when combined, then it stays the load client, and a step no run took reads count 0', () => {
    const withClient = (perSecond: number, cpuS: number): RunFigures => {
      const figures = run(perSecond, 70, 100, 0);
      const latency = { ...figures.latency, login: { count: 0, p50: 0, p95: 0, p99: 0 } };
      return { ...figures, latency, processes: [...figures.processes, { process: 'load client', cpuS, loadClient: true }] };
    };
    const combined = medianOfRuns([withClient(10, 1), withClient(20, 3), withClient(30, 2)]);

    expect(combined.processes).toContainEqual({ process: 'load client', cpuS: 2, loadClient: true });
    expect(combined.latency.login).toEqual({ count: 0, p50: 0, p95: 0, p99: 0 });
  });

  it('given one run, when combined, then that run', () => {
    const only = run(10, 70, 100, 0);

    expect(medianOfRuns([only])).toBe(only);
  });
});

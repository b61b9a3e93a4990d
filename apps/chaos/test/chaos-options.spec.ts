import { FAULT_KINDS } from '../src/domain/fault-schedule';
import { parseChaosOptions } from '../src/options/chaos-options';

const seed = () => 99;

describe('parseChaosOptions', () => {
  it('defaults to two instances, concurrency 8, every fault, a random seed', () => {
    const options = parseChaosOptions([], {}, seed);
    expect(options).toMatchObject({ seed: 99, ci: false, instances: 2, concurrency: 8, faults: true, faultRounds: 1 });
    expect(options.faultKinds).toEqual([...FAULT_KINDS]);
  });

  it('takes CI mode from --ci or CI=true: at least 100 cash-outs, every fault once', () => {
    for (const options of [parseChaosOptions(['--ci'], {}, seed), parseChaosOptions([], { CI: 'true' }, seed)]) {
      expect(options.ci).toBe(true);
      expect(options.cashOuts).toBeGreaterThanOrEqual(100);
      expect(options.instances).toBe(2);
      expect(options.faultKinds).toEqual([...FAULT_KINDS]);
    }
  });

  it('reads the seed, the size of the load and the faults', () => {
    const options = parseChaosOptions(['--seed', '5', '--concurrency', '16', '--no-faults', '--duration', '120', '--faults', 'kafka,redis'], {}, seed);
    expect(options).toMatchObject({ seed: 5, concurrency: 16, faults: false, durationS: 120, faultKinds: ['kafka', 'redis'] });
  });

  it('refuses what it does not know, and values out of range', () => {
    expect(() => parseChaosOptions(['--bogus'], {}, seed)).toThrow(/unknown option --bogus/);
    expect(() => parseChaosOptions(['--concurrency', '0'], {}, seed)).toThrow(/--concurrency/);
    expect(() => parseChaosOptions(['--resend-share', '2'], {}, seed)).toThrow(/--resend-share/);
    expect(() => parseChaosOptions(['--faults', 'disk'], {}, seed)).toThrow(/disk/);
  });
});

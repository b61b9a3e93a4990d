import { DEFAULT_DURATION_S, parseBenchOptions } from '../src/options/bench-options';

describe('parseBenchOptions', () => {
  it('given nothing, when parsed, then the configured cost, concurrency 8, the default duration, the embedded mode only, one run', () => {
    expect(parseBenchOptions([], 10)).toEqual({ cost: 10, concurrency: 8, durationS: DEFAULT_DURATION_S, stack: false, runs: 1, clients: 64, agents: 16 });
  });

  it('given every option, when parsed, then each is read', () => {
    const options = parseBenchOptions(
      ['--cost', '4', '--concurrency', '16', '--cash-outs', '200', '--stack', '--runs', '3', '--clients', '10', '--agents', '2', '--json-out', 'out.json'],
      10,
    );

    expect(options).toEqual({ cost: 4, concurrency: 16, cashOuts: 200, stack: true, runs: 3, clients: 10, agents: 2, jsonOut: 'out.json' });
  });

  it('given both a duration and a count, when parsed, then it refuses', () => {
    expect(() => parseBenchOptions(['--duration', '20', '--cash-outs', '100'], 10)).toThrow(/exclude each other/);
  });

  it.each([
    ['--cost', '3'],
    ['--cost', '16'],
    ['--concurrency', '0'],
    ['--runs', '1.5'],
    ['--duration', 'ten'],
    ['--cash-outs', '-1'],
  ])('given %s %s, when parsed, then it fails naming the option', (flag, value) => {
    expect(() => parseBenchOptions([flag, value], 10)).toThrow(new RegExp(`^${flag} needs an integer`));
  });

  it('given an option without its value, when parsed, then it fails naming the option', () => {
    expect(() => parseBenchOptions(['--concurrency'], 10)).toThrow(/--concurrency needs an integer from 1, got nothing/);
  });

  it('given an unknown option, when parsed, then it fails with the usage', () => {
    expect(() => parseBenchOptions(['--fast'], 10)).toThrow(/unknown option --fast[\s\S]*npm run bench/);
  });
});

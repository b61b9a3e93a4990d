import { parseFuzzOptions } from '../src/options';

describe('parseFuzzOptions', () => {
  it('defaults: every persona its share of the time, 3000 requests at least, a random seed', () => {
    const options = parseFuzzOptions([], {});
    expect(options).toEqual({ seconds: { admin: 120, agent: 100, operator: 60, client: 30 }, maxExamples: 50, minRequests: 3000, ci: false });
  });

  it('CI mode from the flag or from CI=true', () => {
    expect(parseFuzzOptions(['--ci'], {}).ci).toBe(true);
    expect(parseFuzzOptions([], { CI: 'true' }).ci).toBe(true);
  });

  it('scales the time of every persona, never below 5 s', () => {
    expect(parseFuzzOptions(['--scale', '0.1'], {}).seconds).toEqual({ admin: 12, agent: 10, operator: 6, client: 5 });
  });

  it('takes a seed, examples and the least number of requests', () => {
    expect(parseFuzzOptions(['--seed', '42', '--max-examples', '10', '--min-requests', '100'], {})).toMatchObject({
      seed: '42',
      maxExamples: 10,
      minRequests: 100,
    });
  });

  it.each([
    [['--scale', '0'], /--scale: expected a number from 0.1 to 10/],
    [['--max-examples', '1.5'], /--max-examples: expected an integer/],
    [['--seed', 'abc'], /--seed: expected digits/],
    [['--min-requests'], /--min-requests: expected an integer .* got null/],
    [['--fast'], /unknown option --fast/],
    [['--help'], /npm run fuzz -- \[options\]/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseFuzzOptions(argv, {})).toThrow(message);
  });
});

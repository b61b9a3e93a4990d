import { median, percentile, spread } from '../src/figures/percentiles';

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);

  it('given 1..100 in any order, when asked p50, p95, p99, then 50, 95, 99', () => {
    expect([percentile(hundred, 50), percentile(hundred, 95), percentile(hundred, 99)]).toEqual([50, 95, 99]);
  });

  it('given a small sample, when asked p99, then its maximum', () => {
    expect(percentile([3, 1, 2], 99)).toBe(3);
  });

  it('given one value, when asked any percentile, then that value', () => {
    expect([percentile([7], 0), percentile([7], 50), percentile([7], 100)]).toEqual([7, 7, 7]);
  });

  it('given nothing, when asked, then undefined', () => {
    expect(percentile([], 50)).toBeUndefined();
  });

  it('given a sample, when asked, then the sample is left in its order', () => {
    const sample = [3, 1, 2];
    percentile(sample, 50);
    expect(sample).toEqual([3, 1, 2]);
  });
});

describe('median', () => {
  it('given an odd count, when asked, then the middle value', () => {
    expect(median([5, 1, 3])).toBe(3);
  });

  it('given an even count, when asked, then the mean of the two middle values', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('given nothing, when asked, then undefined', () => {
    expect(median([])).toBeUndefined();
  });
});

describe('spread', () => {
  it('given nothing, when summarised, then zeros', () => {
    expect(spread([])).toEqual({ count: 0, p50: 0, p95: 0, p99: 0 });
  });

  it('given a sample, when summarised, then its count and percentiles', () => {
    expect(spread([10, 20, 30, 40])).toEqual({ count: 4, p50: 20, p95: 40, p99: 40 });
  });
});

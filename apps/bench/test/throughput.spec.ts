import { throughput, trend } from '../src/figures/throughput';

describe('throughput over tenths', () => {
  it('given one completion a second for 10 s, when counted, then 1/s overall and in every tenth', () => {
    const ends = Array.from({ length: 10 }, (_, i) => 1_000 * i + 500);

    const rate = throughput(ends, 0, 10_000);

    expect(rate.perSecond).toBe(1);
    expect(rate.tenths).toEqual(Array.from({ length: 10 }, () => 1));
    expect(rate.lastToFirst).toBe(1);
  });

  it('given completions thinning out, when counted, then the last tenth reads lower than the first', () => {
    const ends = [100, 200, 300, 400, 9_500];

    const rate = throughput(ends, 0, 10_000);

    expect(rate.firstTenth).toBe(4);
    expect(rate.lastTenth).toBe(1);
    expect(rate.lastToFirst).toBe(0.25);
  });

  it('given completions after the window (the drain), when counted, then they are left out', () => {
    const rate = throughput([500, 10_500, 11_000], 0, 10_000);

    expect(rate.perSecond).toBe(0.1);
    expect(rate.tenths.reduce((sum, value) => sum + value, 0)).toBe(1);
  });

  it('given a completion exactly at the end of the window, when counted, then it falls in the last tenth', () => {
    expect(throughput([10_000], 0, 10_000).lastTenth).toBe(1);
  });

  it('given nothing in the first tenth, when counted, then no ratio', () => {
    expect(throughput([9_500], 0, 10_000).lastToFirst).toBeUndefined();
  });
});

describe('trend', () => {
  it('given 5/s then 4.5/s over 100 s (50 in the first tenth), when judged, then steady', () => {
    expect(trend(5, 4.5, 100)).toBe('steady');
  });

  it('given 5/s then 3/s over 100 s, when judged, then it decays', () => {
    expect(trend(5, 3, 100)).toBe('decays');
  });

  it('given 1.5/s then 0.5/s over 20 s (3 in the first tenth), when judged, then too few to tell', () => {
    expect(trend(1.5, 0.5, 20)).toBe('too-few');
  });
});

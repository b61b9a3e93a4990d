import { formatLag, groupLag, partitionLag } from '../src/lag/lag';
import { formatReset, planReset } from '../src/reset/reset-offsets';

const ends = (low: number, high: number, partition = 0) => ({ partition, low: String(low), high: String(high) });

describe('lag arithmetic', () => {
  it('is the end minus the committed offset', () => {
    expect(partitionLag('40', ends(0, 42))).toEqual({ committed: 40, end: 42, lag: 2 });
    expect(partitionLag('42', ends(0, 42))).toEqual({ committed: 42, end: 42, lag: 0 });
  });

  it('counts every retained record when nothing is committed or the committed offset was removed', () => {
    expect(partitionLag('-1', ends(10, 42))).toEqual({ committed: null, end: 42, lag: 32 });
    expect(partitionLag(null, ends(0, 0))).toEqual({ committed: null, end: 0, lag: 0 });
    expect(partitionLag('3', ends(10, 42))).toEqual({ committed: 3, end: 42, lag: 32 });
  });

  it('is never negative (a committed offset past a truncated end)', () => {
    expect(partitionLag('50', ends(0, 42)).lag).toBe(0);
  });

  it('covers every partition of the topics a group committed on, and sums them', () => {
    const lag = groupLag(
      { groupId: 'risk-engine', state: 'Stable', members: 2 },
      [
        { topic: 'b.topic', partition: 1, offset: '5' },
        { topic: 'a.topic', partition: 0, offset: '7' },
      ],
      new Map([
        ['a.topic', [ends(0, 9, 0)]],
        ['b.topic', [ends(0, 8, 1), ends(2, 4, 0)]],
      ]),
    );
    expect(lag.partitions).toEqual([
      { topic: 'a.topic', partition: 0, committed: 7, end: 9, lag: 2 },
      { topic: 'b.topic', partition: 0, committed: null, end: 4, lag: 2 },
      { topic: 'b.topic', partition: 1, committed: 5, end: 8, lag: 3 },
    ]);
    expect(lag.totalLag).toBe(7);
    expect(formatLag([lag])).toEqual([
      'group risk-engine: Stable, 2 member(s), lag 7',
      '  topic    partition  committed  end  lag',
      '  a.topic          0  7            9    2',
      '  b.topic          0  -            4    2',
      '  b.topic          1  5            8    3',
    ]);
    expect(formatLag([])).toEqual(['no consumer group']);
  });
});

describe('an offset reset plan', () => {
  const committed = [
    { topic: 't', partition: 0, offset: '5' },
    { topic: 't', partition: 1, offset: '-1' },
    { topic: 'other', partition: 0, offset: '99' },
  ];

  it('moves every partition of the topic to its low or high watermark', () => {
    expect(planReset('t', committed, [ends(2, 9, 1), ends(1, 6, 0)], 'earliest')).toEqual([
      { partition: 0, from: 5, to: 1 },
      { partition: 1, from: null, to: 2 },
    ]);
    expect(planReset('t', committed, [ends(1, 6, 0), ends(2, 9, 1)], 'latest')).toEqual([
      { partition: 0, from: 5, to: 6 },
      { partition: 1, from: null, to: 9 },
    ]);
  });

  it('says what it changed, or would change', () => {
    const changes = planReset('t', committed, [ends(1, 5, 0), ends(2, 9, 1)], 'latest');
    const result = { groupId: 'g', topic: 't', to: 'latest' as const, state: 'Empty', changes };
    expect(formatReset({ ...result, dryRun: true })).toEqual([
      'group g (Empty) on t to latest: would move 1 of 2 partition(s) (dry run, nothing changed)',
      '  partition  from  to',
      '          0  5      5',
      '          1  -      9',
    ]);
    expect(formatReset({ ...result, dryRun: false })[0]).toBe('group g (Empty) on t to latest: moved 1 of 2 partition(s)');
  });
});

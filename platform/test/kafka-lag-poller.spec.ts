import { consumerLag, topicSize } from '../src/messaging/kafka-lag-poller';

describe('consumer lag arithmetic', () => {
  it('is the end minus the committed offset', () => {
    expect(consumerLag('40', '0', '42')).toBe(2);
    expect(consumerLag(42, 0, 42)).toBe(0);
  });

  it('counts everything retained for a group with nothing committed that starts at the beginning', () => {
    expect(consumerLag('-1', '10', '25')).toBe(15);
    expect(consumerLag('-1', '10', '25', 'earliest')).toBe(15);
  });

  it('is 0 for a group with nothing committed that starts at the end', () => {
    expect(consumerLag('-1', '10', '25', 'latest')).toBe(0);
  });

  it('counts only the retained records when retention deleted past the committed offset', () => {
    expect(consumerLag('3', '10', '25')).toBe(15);
  });

  it('is never negative (a commit seen before the end moved, or an empty partition)', () => {
    expect(consumerLag('30', '0', '25')).toBe(0);
    expect(consumerLag('-1', '0', '0')).toBe(0);
  });
});

describe('topic size', () => {
  it('sums end minus start over the partitions', () => {
    expect(topicSize([{ low: '0', high: '3' }, { low: '5', high: '9' }])).toBe(7);
  });

  it('is 0 for a topic without partitions (one that does not exist)', () => {
    expect(topicSize([])).toBe(0);
  });
});

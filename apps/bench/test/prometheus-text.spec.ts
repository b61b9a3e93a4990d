import { sampleValue } from '../src/metrics/prometheus-text';

const TEXT = [
  '# HELP nodejs_eventloop_lag_p99_seconds The 99th percentile of the recorded event loop delays.',
  '# TYPE nodejs_eventloop_lag_p99_seconds gauge',
  'nodejs_eventloop_lag_p99_seconds 0.012648447',
  'nodejs_eventloop_lag_p90_seconds 0.0101',
  'process_resident_memory_bytes 123731968',
  'nodejs_heap_space_size_total_bytes{space="new"} 1048576',
  '',
].join('\n');

describe('sampleValue', () => {
  it('given a metric without labels, when read, then its value', () => {
    expect(sampleValue(TEXT, 'nodejs_eventloop_lag_p99_seconds')).toBe(0.012648447);
    expect(sampleValue(TEXT, 'process_resident_memory_bytes')).toBe(123731968);
  });

  it('given a metric with labels, when read, then the first sample', () => {
    expect(sampleValue(TEXT, 'nodejs_heap_space_size_total_bytes')).toBe(1048576);
  });

  it('given a name that only prefixes others, when read, then nothing', () => {
    expect(sampleValue(TEXT, 'nodejs_eventloop_lag')).toBeUndefined();
  });

  it('given an absent metric, when read, then nothing', () => {
    expect(sampleValue(TEXT, 'process_cpu_seconds_total')).toBeUndefined();
  });
});

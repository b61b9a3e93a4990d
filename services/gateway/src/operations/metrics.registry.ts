import { Injectable } from '@nestjs/common';

const BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15];

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

const escapeLabel = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/**
 * HTTP request counters and a latency histogram in the Prometheus text format, by method,
 * route template (never the raw path, which would explode the label set) and status.
 */
@Injectable()
export class MetricsRegistry {
  private readonly requests = new Map<string, number>();
  private readonly latency = new Map<string, Histogram>();

  observe(method: string, route: string, status: number, seconds: number): void {
    const counterKey = JSON.stringify([method, route, String(status)]);
    this.requests.set(counterKey, (this.requests.get(counterKey) ?? 0) + 1);
    const histogramKey = JSON.stringify([method, route]);
    const histogram = this.latency.get(histogramKey) ?? { counts: BUCKETS_SECONDS.map(() => 0), sum: 0, count: 0 };
    BUCKETS_SECONDS.forEach((bound, index) => {
      if (seconds <= bound) histogram.counts[index] += 1;
    });
    histogram.sum += seconds;
    histogram.count += 1;
    this.latency.set(histogramKey, histogram);
  }

  render(): string {
    const lines = [
      '# HELP http_requests_total HTTP requests handled by the gateway.',
      '# TYPE http_requests_total counter',
    ];
    for (const [key, value] of this.requests) {
      const [method, route, status] = JSON.parse(key) as string[];
      lines.push(`http_requests_total{method="${escapeLabel(method)}",route="${escapeLabel(route)}",status="${status}"} ${value}`);
    }
    lines.push(
      '# HELP http_request_duration_seconds HTTP request latency of the gateway.',
      '# TYPE http_request_duration_seconds histogram',
    );
    for (const [key, histogram] of this.latency) {
      const [method, route] = (JSON.parse(key) as string[]).map(escapeLabel);
      const labels = `method="${method}",route="${route}"`;
      BUCKETS_SECONDS.forEach((bound, index) => {
        lines.push(`http_request_duration_seconds_bucket{${labels},le="${bound}"} ${histogram.counts[index]}`);
      });
      lines.push(`http_request_duration_seconds_bucket{${labels},le="+Inf"} ${histogram.count}`);
      lines.push(`http_request_duration_seconds_sum{${labels}} ${histogram.sum}`);
      lines.push(`http_request_duration_seconds_count{${labels}} ${histogram.count}`);
    }
    return `${lines.join('\n')}\n`;
  }
}

import { loadPlatformEnv } from '../src/config/env';
import { ProcessMetricsServer, startProcessMetricsServer } from '../src/metrics/process-metrics.server';

describe('process metrics server', () => {
  let server: ProcessMetricsServer;

  beforeAll(async () => {
    server = await startProcessMetricsServer(0);
  });

  afterAll(() => server.close());

  it('when scraped, then it answers the event-loop delay and resident memory in the Prometheus text format', async () => {
    const response = await fetch(`http://127.0.0.1:${server.port}/metrics`);
    const text = await response.text();

    expect(response.status).toBe(200);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);
  });

  it('given another path, when asked, then it answers 404', async () => {
    const response = await fetch(`http://127.0.0.1:${server.port}/`);

    expect(response.status).toBe(404);
  });
});

describe('METRICS_PORT', () => {
  it('given none, when loading, then no metrics server', () => {
    expect(loadPlatformEnv({ APP_ENV: 'test' }).metricsPort).toBeUndefined();
  });

  it('given a port, when loading, then it is read as a number', () => {
    expect(loadPlatformEnv({ APP_ENV: 'test', METRICS_PORT: '9464' }).metricsPort).toBe(9464);
  });

  it('given what is not a port, when loading, then it fails naming the variable', () => {
    expect(() => loadPlatformEnv({ APP_ENV: 'test', METRICS_PORT: '70000' })).toThrow(/METRICS_PORT/);
  });
});

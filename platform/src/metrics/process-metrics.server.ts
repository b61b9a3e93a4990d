import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { platformRegistry } from './platform-metrics';

export interface ProcessMetricsServer {
  /** The port it listens on (the one asked for, or the one the system chose for 0). */
  port: number;
  close(): Promise<void>;
}

/**
 * Serves prom-client's default metrics of this process (event-loop delay, resident memory,
 * heap, GC, handles) and the platform's (messages, outbox, dead letters, lag and what the
 * services add: hashing, saga steps) at GET /metrics, on a port of its own so that every
 * service process, HTTP or not, can be scraped the same way. The gateway's HTTP metrics stay
 * in its own registry, at its own /metrics.
 * Reading `nodejs_eventloop_lag_*` resets prom-client's delay histogram, so each scrape
 * reports the delay since the previous one.
 */
export async function startProcessMetricsServer(port: number, host = '127.0.0.1'): Promise<ProcessMetricsServer> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const server: Server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    Promise.all([registry.metrics(), platformRegistry.metrics()]).then(
      ([defaults, platform]) => response.writeHead(200, { 'content-type': registry.contentType }).end(`${defaults}\n${platform}`),
      (error: unknown) => response.writeHead(500).end(error instanceof Error ? error.message : String(error)),
    );
  });
  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      listening();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((closed) => server.close(() => closed())),
  };
}

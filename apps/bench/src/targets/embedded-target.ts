import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT, freePorts, startEmbeddedProcess, stopProcesses } from '@cashout/distributed';
import { ScrapingSampler } from '../metrics/scraping-sampler';
import { BenchTarget } from './bench-target';

/**
 * The embedded default as `npm start` runs it (its built entry point), in a process of its
 * own: every service on the in-process bus and in-memory stores, and nothing else on its
 * event loop — the load comes from the bench process, as it would from clients. Only the
 * given settings reach it beyond PATH, so KAFKA_BROKERS or MONGO_URL in the shell cannot
 * turn it into another mode. Its output goes to .bench/embedded.log. Risk reservations live
 * in its memory, out of the audit's reach.
 */
export async function startEmbeddedTarget(settings: Record<string, string>): Promise<BenchTarget> {
  const port = await freePorts(2);
  const logDir = resolve(REPO_ROOT, '.bench');
  mkdirSync(logDir, { recursive: true });
  const logFile = resolve(logDir, 'embedded.log');
  const { url, handle } = await startEmbeddedProcess({ port, env: { ...settings, METRICS_PORT: String(port + 1) }, logFile });
  return {
    mode: 'embedded',
    description: 'one process (npm start): every service on the in-process bus and in-memory stores',
    gatewayUrls: [url],
    processes: new ScrapingSampler(() => [{ name: 'embedded', metricsUrl: `http://127.0.0.1:${port + 1}/metrics` }], false),
    store: { reservations: async () => ({}), close: async () => undefined },
    stop: () => stopProcesses([handle]),
  };
}

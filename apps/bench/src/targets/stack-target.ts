import { IsolatedStack, ensureInfra, startIsolatedStack } from '@cashout/distributed';
import { RedisStoreProbe } from '@cashout/chaos';
import { ProcessFigures } from '../figures/run-figures';
import { sampleValue } from '../metrics/prometheus-text';
import { localServersCpu } from '../metrics/server-cpu';
import { BenchTarget, ProcessSampler } from './bench-target';

const MIB = 2 ** 20;
export const STACK_INSTANCES = 2;

interface Scrape {
  cpuS?: number;
  eventLoopP99Ms?: number;
  rssMiB?: number;
}

async function scrape(url: string): Promise<Scrape> {
  try {
    const text = await (await fetch(url, { signal: AbortSignal.timeout(5_000) })).text();
    const lag = sampleValue(text, 'nodejs_eventloop_lag_p99_seconds');
    const rss = sampleValue(text, 'process_resident_memory_bytes');
    const cpu = sampleValue(text, 'process_cpu_seconds_total');
    return { ...(cpu !== undefined ? { cpuS: cpu } : {}), ...(lag !== undefined ? { eventLoopP99Ms: lag * 1000 } : {}), ...(rss !== undefined ? { rssMiB: rss / MIB } : {}) };
  } catch {
    return {};
  }
}

/**
 * Every process's metrics endpoint (prom-client). Reading the event-loop delay resets it, so
 * the scrape at `begin` starts the window and the one at `end` reads the run's p99. The local
 * servers' CPU is read from /proc (see localServersCpu).
 */
class ScrapingSampler implements ProcessSampler {
  private started = new Map<string, Scrape>();
  private serversStarted = new Map<string, number>();

  constructor(private readonly stack: IsolatedStack) {}

  private async scrapeAll(): Promise<Map<string, Scrape>> {
    const handles = this.stack.processes.filter((handle) => handle.metricsUrl);
    const scrapes = await Promise.all(handles.map((handle) => scrape(handle.metricsUrl as string)));
    return new Map(handles.map((handle, i) => [`${handle.name}-${handle.instance}`, scrapes[i]]));
  }

  async begin(): Promise<void> {
    this.serversStarted = localServersCpu();
    this.started = await this.scrapeAll();
  }

  async end(): Promise<ProcessFigures[]> {
    const ended = await this.scrapeAll();
    const serversEnded = localServersCpu();
    const services = [...ended].map(([process, last]) => {
      const first = this.started.get(process);
      return {
        process,
        ...(last.cpuS !== undefined && first?.cpuS !== undefined ? { cpuS: last.cpuS - first.cpuS } : {}),
        ...(last.eventLoopP99Ms !== undefined ? { eventLoopP99Ms: last.eventLoopP99Ms } : {}),
        ...(first?.rssMiB !== undefined ? { rssStartMiB: first.rssMiB } : {}),
        ...(last.rssMiB !== undefined ? { rssEndMiB: last.rssMiB } : {}),
      };
    });
    const servers = [...serversEnded]
      .filter(([server]) => this.serversStarted.has(server))
      .map(([server, cpuS]) => ({ process: server, cpuS: cpuS - (this.serversStarted.get(server) as number) }));
    return [...services, ...servers];
  }
}

/**
 * The distributed stack as the chaos suite starts it: the local servers (infra/local/up.sh,
 * INFRA_HOME and the *_PORT variables; explicit KAFKA_BROKERS, MONGO_URL, REDIS_URL win),
 * then two instances of every service as processes of their own, isolated from other runs.
 * The servers stay up afterwards; the stack's processes and databases go.
 */
export async function startStackTarget(settings: Record<string, string>, say: (line: string) => void): Promise<BenchTarget> {
  const urls = ensureInfra(process.env);
  say(`stack: starting ${STACK_INSTANCES} instances of every service on ${urls.KAFKA_BROKERS}, ${urls.MONGO_URL}, ${urls.REDIS_URL}`);
  const stack = await startIsolatedStack({ ...urls, ...settings }, STACK_INSTANCES, { label: 'bench' });
  const store = new RedisStoreProbe(stack.infra.redisUrl);
  return {
    mode: 'stack',
    description: `${stack.processes.length} processes: ${STACK_INSTANCES} instances of every service on Kafka, FerretDB, Redis`,
    gatewayUrls: stack.gatewayUrls,
    processes: new ScrapingSampler(stack),
    store,
    async stop() {
      await store.close();
      await stack.stop();
    },
  };
}

import { ProcessFigures } from '../figures/run-figures';
import { ProcessSampler } from '../targets/bench-target';
import { sampleValue } from './prometheus-text';
import { localServersCpu } from './server-cpu';

const MIB = 2 ** 20;

interface Scrape {
  cpuS?: number;
  eventLoopP99Ms?: number;
  rssMiB?: number;
}

/** A process the bench reads: its name in the table and where its prom-client metrics are served. */
export interface ScrapedProcess {
  name: string;
  metricsUrl: string;
}

async function scrape(url: string): Promise<Scrape> {
  try {
    const text = await (await fetch(url, { signal: AbortSignal.timeout(5_000) })).text();
    const lag = sampleValue(text, 'nodejs_eventloop_lag_p99_seconds');
    const rss = sampleValue(text, 'process_resident_memory_bytes');
    const cpu = sampleValue(text, 'process_cpu_seconds_total');
    return {
      ...(cpu !== undefined ? { cpuS: cpu } : {}),
      ...(lag !== undefined ? { eventLoopP99Ms: lag * 1000 } : {}),
      ...(rss !== undefined ? { rssMiB: rss / MIB } : {}),
    };
  } catch {
    return {};
  }
}

/**
 * Every process's metrics endpoint (prom-client). Reading the event-loop delay resets it, so
 * the scrape at `begin` starts the window and the one at `end` reads the run's p99. With
 * `servers`, the local servers' CPU is read from /proc too (see localServersCpu).
 */
export class ScrapingSampler implements ProcessSampler {
  private started = new Map<string, Scrape>();
  private serversStarted = new Map<string, number>();

  /** `processes` is asked at each scrape: a restarted process's handle replaces the old one. */
  constructor(
    private readonly processes: () => ScrapedProcess[],
    private readonly servers: boolean,
  ) {}

  private async scrapeAll(): Promise<Map<string, Scrape>> {
    const processes = this.processes();
    const scrapes = await Promise.all(processes.map((process) => scrape(process.metricsUrl)));
    return new Map(processes.map((process, i) => [process.name, scrapes[i]]));
  }

  async begin(): Promise<void> {
    if (this.servers) this.serversStarted = localServersCpu();
    this.started = await this.scrapeAll();
  }

  async end(): Promise<ProcessFigures[]> {
    const ended = await this.scrapeAll();
    const serversEnded = this.servers ? localServersCpu() : new Map<string, number>();
    const processes = [...ended].map(([process, last]) => {
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
    return [...processes, ...servers];
  }
}

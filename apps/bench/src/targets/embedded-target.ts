import { AddressInfo } from 'node:net';
import { IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { startEmbeddedSystem } from '@cashout/embedded';
import { ProcessFigures } from '../figures/run-figures';
import { BenchTarget, ProcessSampler } from './bench-target';

const MIB = 2 ** 20;

/** This process's event-loop delay and RSS, read in-process (the embedded platform lives here). */
class InProcessSampler implements ProcessSampler {
  private readonly delay: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  private rssStart = 0;
  private cpuStart = process.cpuUsage();

  async begin(): Promise<void> {
    this.rssStart = process.memoryUsage().rss;
    this.cpuStart = process.cpuUsage();
    this.delay.reset();
    this.delay.enable();
  }

  async end(): Promise<ProcessFigures[]> {
    this.delay.disable();
    const cpu = process.cpuUsage(this.cpuStart);
    return [
      {
        process: 'embedded (all services + the load)',
        cpuS: (cpu.user + cpu.system) / 1e6,
        eventLoopP99Ms: this.delay.percentile(99) / 1e6,
        rssStartMiB: this.rssStart / MIB,
        rssEndMiB: process.memoryUsage().rss / MIB,
      },
    ];
  }
}

/**
 * The embedded default, in this process as `npm start` runs it: every service on the
 * in-process bus and in-memory stores. Only the given settings reach it, so KAFKA_BROKERS or
 * MONGO_URL in the shell cannot turn it into another mode. The load client shares its event
 * loop. Risk reservations live in memory, out of the audit's reach.
 */
export async function startEmbeddedTarget(settings: Record<string, string>): Promise<BenchTarget> {
  const system = await startEmbeddedSystem(settings, { logger: false });
  await system.gateway.listen(0, '127.0.0.1');
  const port = (system.gateway.getHttpServer().address() as AddressInfo).port;
  return {
    mode: 'embedded',
    description: 'one process: every service on the in-process bus and in-memory stores',
    gatewayUrls: [`http://127.0.0.1:${port}`],
    processes: new InProcessSampler(),
    store: { reservations: async () => ({}), close: async () => undefined },
    stop: () => system.close(),
  };
}

import { ensureInfra, startIsolatedStack } from '@cashout/distributed';
import { RedisStoreProbe } from '@cashout/chaos';
import { ScrapingSampler } from '../metrics/scraping-sampler';
import { BenchTarget } from './bench-target';

export const STACK_INSTANCES = 2;

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
    processes: new ScrapingSampler(
      () => stack.processes.flatMap((handle) => (handle.metricsUrl ? [{ name: `${handle.name}-${handle.instance}`, metricsUrl: handle.metricsUrl }] : [])),
      true,
    ),
    store,
    async stop() {
      await store.close();
      await stack.stop();
    },
  };
}

import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { compare, hash } from 'bcryptjs';
import { median } from '../figures/percentiles';
import { HashingLimit, hashingLimit } from './hashing-limit';

export interface HashingSamples {
  compares: number;
  hashes: number;
}

/** Times `work` one call after another until both bounds are met (or the cap is hit); the median (ms). */
async function medianTime(work: () => Promise<unknown>, minSamples: number, minMs: number, maxSamples: number): Promise<{ ms: number; samples: number }> {
  const times: number[] = [];
  const started = performance.now();
  while (times.length < maxSamples && (times.length < minSamples || performance.now() - started < minMs)) {
    const at = performance.now();
    await work();
    times.push(performance.now() - at);
  }
  return { ms: median(times) ?? 0, samples: times.length };
}

/**
 * The hashing limit of this machine: bcryptjs (the library the auth service hashes with),
 * its asynchronous calls as the service makes them, one at a time with nothing else running.
 */
export async function measureHashingLimit(cost: number): Promise<{ limit: HashingLimit; samples: HashingSamples }> {
  const secret = '1234';
  const hashed = await hash(secret, cost);
  // Warm the JIT so the first, slower calls do not weigh on a short sample.
  for (let i = 0; i < 3; i += 1) await compare(secret, hashed);
  const compares = await medianTime(() => compare(secret, hashed), 25, 3_000, 2_000);
  const hashes = await medianTime(() => hash('123456', cost), 9, 1_000, 500);
  return {
    limit: hashingLimit(cost, compares.ms, hashes.ms, availableParallelism()),
    samples: { compares: compares.samples, hashes: hashes.samples },
  };
}

import { TimedCashOut } from './timed-cash-out';

/** How long one run lasts: a duration, or a number of cash-outs. */
export type LoadLength = { durationS: number } | { cashOuts: number };

export interface LoadResult {
  records: TimedCashOut[];
  startedAt: number;
  /**
   * Where throughput is counted up to. With a duration, the deadline: cash-outs still in
   * flight then finish and are timed, but the drain (fewer workers) is not counted, so it
   * cannot read as a decay. With a count, the end of the last cash-out (drain included).
   */
  windowEndAt: number;
  endedAt: number;
}

/**
 * Runs cash-outs `concurrency` at a time, each worker starting the next as soon as its last
 * ended, until the duration is over or the count started; then waits for those in progress.
 * Indices start at `firstIndex` so that runs after the first keep rotating over the population.
 */
export async function runLoad(
  concurrency: number,
  length: LoadLength,
  firstIndex: number,
  runOne: (index: number) => Promise<TimedCashOut>,
): Promise<LoadResult> {
  const startedAt = Date.now();
  const deadline = 'durationS' in length ? startedAt + length.durationS * 1000 : undefined;
  const last = 'cashOuts' in length ? firstIndex + length.cashOuts : undefined;
  const records: TimedCashOut[] = [];
  let next = firstIndex;
  const more = () => (deadline !== undefined ? Date.now() < deadline : next < (last as number));
  const worker = async () => {
    while (more()) {
      const index = next;
      next += 1;
      records.push(await runOne(index));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const endedAt = Date.now();
  return { records, startedAt, windowEndAt: deadline ?? endedAt, endedAt };
}

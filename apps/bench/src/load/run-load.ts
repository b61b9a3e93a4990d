import { TimedCashOut } from './timed-cash-out';

/** How long one run lasts: a duration, or a number of cash-outs. */
export type LoadLength = { durationS: number } | { cashOuts: number };

export interface LoadResult {
  /** Every cash-out run, warm-up included (the audit needs them all). */
  records: TimedCashOut[];
  /** The cash-outs started inside the window: the ones the figures are of. */
  measured: TimedCashOut[];
  /** The window throughput is counted over. */
  windowStartAt: number;
  windowEndAt: number;
  endedAt: number;
}

/**
 * Runs cash-outs `concurrency` at a time, each worker starting the next as soon as its last
 * ended. The first `concurrency` cash-outs warm up (JIT, connections, caches, and every
 * worker busy): the window opens when the last of them ends, so that neither the ramp at the
 * start nor the drain at the end reads as a change of throughput. It closes at the duration,
 * or when the last of the cash-outs asked for ends; those still in flight then finish.
 * Indices start at `firstIndex` so that each run goes on rotating over the population.
 */
export async function runLoad(
  concurrency: number,
  length: LoadLength,
  firstIndex: number,
  runOne: (index: number) => Promise<TimedCashOut>,
): Promise<LoadResult> {
  const records: TimedCashOut[] = [];
  let windowStartAt: number | undefined;
  let deadline: number | undefined;
  let startedInWindow = 0;
  let next = firstIndex;
  const more = () => {
    if (windowStartAt === undefined) return true;
    return 'durationS' in length ? Date.now() < (deadline as number) : startedInWindow < length.cashOuts;
  };
  const worker = async () => {
    while (more()) {
      const index = next;
      next += 1;
      if (windowStartAt !== undefined) startedInWindow += 1;
      records.push(await runOne(index));
      if (windowStartAt === undefined && records.length === concurrency) {
        windowStartAt = Date.now();
        if ('durationS' in length) deadline = windowStartAt + length.durationS * 1000;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const endedAt = Date.now();
  const opened = windowStartAt ?? endedAt;
  return {
    records,
    measured: records.filter((record) => record.startedAt >= opened),
    windowStartAt: opened,
    windowEndAt: deadline ?? endedAt,
    endedAt,
  };
}

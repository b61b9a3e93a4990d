import { LoadResult } from '../load/run-load';
import { STEPS, Step } from '../load/timed-cash-out';
import { Spread, median, spread } from './percentiles';
import { throughput } from './throughput';

/** One process's figures over a run's load: CPU time used, the event-loop delay, the resident memory. */
export interface ProcessFigures {
  process: string;
  /** CPU seconds (user + system) the process used over the run. */
  cpuS?: number;
  eventLoopP99Ms?: number;
  rssStartMiB?: number;
  rssEndMiB?: number;
  /** The bench's own process, sending the load: on the same machine, not part of the platform. */
  loadClient?: boolean;
}

export type Timed = Step | 'cash-out';
export const TIMED: readonly Timed[] = [...STEPS, 'cash-out'];

export interface RunFigures {
  /** Cash-outs started in the window (the warm-up before it is left out of every figure). */
  attempted: number;
  succeeded: number;
  failed: number;
  /** Failed cash-outs by reason (ids left out so that alike failures count together). */
  failures: Record<string, number>;
  /** The window throughput is counted over (see runLoad). */
  windowS: number;
  cashOutsPerSecond: number;
  tenthsPerSecond: number[];
  firstTenthPerSecond: number;
  lastTenthPerSecond: number;
  lastToFirst?: number;
  /** Per step and for the whole cash-out, successes only (ms). */
  latency: Record<Timed, Spread>;
  processes: ProcessFigures[];
}

const reasonKind = (reason: string) => reason.replace(/[0-9a-f]{8}-[0-9a-f-]{27,}/gi, '<id>').slice(0, 120);

/**
 * A run's figures: counts and latencies of the cash-outs started in the window; throughput
 * from every success that ended inside it (those in flight when it opened included: the
 * workers were all busy by then).
 */
export function runFigures(load: LoadResult, processes: ProcessFigures[]): RunFigures {
  const succeeded = load.measured.filter((record) => record.outcome === 'succeeded');
  const failures: Record<string, number> = {};
  for (const record of load.measured) if (record.reason) failures[reasonKind(record.reason)] = (failures[reasonKind(record.reason)] ?? 0) + 1;
  const rate = throughput(
    load.records.filter((record) => record.outcome === 'succeeded').map((record) => record.endedAt),
    load.windowStartAt,
    load.windowEndAt,
  );
  const latency = Object.fromEntries(
    TIMED.map((timed) => [
      timed,
      // A step a cash-out did not take (the session's login) is left out, not counted as 0.
      spread(succeeded.flatMap((record) => (timed === 'cash-out' ? [record.endedAt - record.startedAt] : (record.steps[timed] ?? [])))),
    ]),
  ) as Record<Timed, Spread>;
  return {
    attempted: load.measured.length,
    succeeded: succeeded.length,
    failed: load.measured.length - succeeded.length,
    failures,
    windowS: (load.windowEndAt - load.windowStartAt) / 1000,
    cashOutsPerSecond: rate.perSecond,
    tenthsPerSecond: rate.tenths,
    firstTenthPerSecond: rate.firstTenth,
    lastTenthPerSecond: rate.lastTenth,
    ...(rate.lastToFirst !== undefined ? { lastToFirst: rate.lastToFirst } : {}),
    latency,
    processes,
  };
}

const medianOf = (values: Array<number | undefined>): number | undefined => median(values.filter((value): value is number => value !== undefined));

/**
 * The runs of one mode as one: counts added up, every rate, percentile and process figure
 * the median of the runs' (each percentile's median across runs, not a percentile of the pool).
 */
export function medianOfRuns(runs: readonly RunFigures[]): RunFigures {
  if (runs.length === 1) return runs[0];
  const failures: Record<string, number> = {};
  for (const run of runs) for (const [reason, count] of Object.entries(run.failures)) failures[reason] = (failures[reason] ?? 0) + count;
  const latency = Object.fromEntries(
    TIMED.map((timed) => {
      // A run where no cash-out took the step has no percentile of it to weigh.
      const timedRuns = runs.filter((run) => run.latency[timed].count > 0);
      return [
        timed,
        {
          count: timedRuns.reduce((sum, run) => sum + run.latency[timed].count, 0),
          p50: medianOf(timedRuns.map((run) => run.latency[timed].p50)) ?? 0,
          p95: medianOf(timedRuns.map((run) => run.latency[timed].p95)) ?? 0,
          p99: medianOf(timedRuns.map((run) => run.latency[timed].p99)) ?? 0,
        },
      ];
    }),
  ) as Record<Timed, Spread>;
  const names = [...new Set(runs.flatMap((run) => run.processes.map((figures) => figures.process)))];
  const processes = names.map((process) => {
    const mine = runs.map((run) => run.processes.find((figures) => figures.process === process));
    const figure = (pick: (figures: ProcessFigures) => number | undefined) => medianOf(mine.map((figures) => (figures ? pick(figures) : undefined)));
    const [cpuS, eventLoopP99Ms, rssStartMiB, rssEndMiB] = [
      figure((f) => f.cpuS),
      figure((f) => f.eventLoopP99Ms),
      figure((f) => f.rssStartMiB),
      figure((f) => f.rssEndMiB),
    ];
    return {
      process,
      ...(cpuS !== undefined ? { cpuS } : {}),
      ...(eventLoopP99Ms !== undefined ? { eventLoopP99Ms } : {}),
      ...(rssStartMiB !== undefined ? { rssStartMiB } : {}),
      ...(rssEndMiB !== undefined ? { rssEndMiB } : {}),
      ...(mine.some((figures) => figures?.loadClient) ? { loadClient: true } : {}),
    };
  });
  const lastToFirst = medianOf(runs.map((run) => run.lastToFirst));
  return {
    attempted: runs.reduce((sum, run) => sum + run.attempted, 0),
    succeeded: runs.reduce((sum, run) => sum + run.succeeded, 0),
    failed: runs.reduce((sum, run) => sum + run.failed, 0),
    failures,
    windowS: medianOf(runs.map((run) => run.windowS)) ?? 0,
    cashOutsPerSecond: medianOf(runs.map((run) => run.cashOutsPerSecond)) ?? 0,
    tenthsPerSecond: runs[0].tenthsPerSecond.map((_, tenth) => medianOf(runs.map((run) => run.tenthsPerSecond[tenth])) ?? 0),
    firstTenthPerSecond: medianOf(runs.map((run) => run.firstTenthPerSecond)) ?? 0,
    lastTenthPerSecond: medianOf(runs.map((run) => run.lastTenthPerSecond)) ?? 0,
    ...(lastToFirst !== undefined ? { lastToFirst } : {}),
    latency,
    processes,
  };
}

import { cpus, availableParallelism } from 'node:os';
import { cpuBudget } from '../figures/cpu-budget';
import { trend } from '../figures/throughput';
import { BenchResult } from '../run-bench';
import { BenchOptions } from '../options/bench-options';

/** The JSON report: the options, the machine, the hashing limit, and every run of every mode with its medians. */
export function buildBenchReport(options: BenchOptions, result: BenchResult, startedAt: Date, elapsedMs: number) {
  const { hashing } = result;
  return {
    startedAt: startedAt.toISOString(),
    elapsedS: Math.round(elapsedMs / 1000),
    options,
    machine: { node: process.version, platform: process.platform, cpu: cpus()[0]?.model ?? 'unknown', cores: availableParallelism() },
    hashing: { ...hashing, samples: result.hashingSamples },
    modes: result.modes.map((mode) => ({
      ...mode,
      trend: trend(mode.figures.firstTenthPerSecond, mode.figures.lastTenthPerSecond, mode.figures.windowS),
      cpu: cpuBudget(mode.figures.processes, mode.figures.cashOutsPerSecond * mode.figures.windowS, availableParallelism()),
      ratioToLimit: {
        oneCore: mode.figures.cashOutsPerSecond / hashing.perCore,
        allCores: mode.figures.cashOutsPerSecond / hashing.allCores,
      },
    })),
    exact: result.modes.every((mode) => mode.money.exact),
  };
}

export type BenchReport = ReturnType<typeof buildBenchReport>;

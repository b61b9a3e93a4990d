import { ProcessFigures } from './run-figures';

/** CPU time per cash-out of one kind of process (its instances added up). */
export interface CpuShare {
  group: string;
  msPerCashOut: number;
}

export interface CpuBudget {
  groups: CpuShare[];
  /** Every process measured, the load client left out (it is not part of the platform). */
  totalMsPerCashOut: number;
  /** The throughput at which the measured processes would use every core: the CPU-bound ceiling. */
  ceilingPerSecond: number;
  /** The load client's CPU per cash-out, when measured: it shares the machine's cores. */
  loadClientMsPerCashOut?: number;
}

/** `auth-0`, `auth-1` → `auth`; servers and the embedded process keep their names. */
const groupOf = (process: string) => process.replace(/-\d+$/, '');

/**
 * Where a cash-out's CPU goes: the CPU seconds each process used over the run, divided by the
 * cash-outs completed in it. Unlike throughput, this hardly moves when other work shares the
 * machine, so it compares runs on a noisy machine, and it names the process to work on.
 */
export function cpuBudget(processes: readonly ProcessFigures[], completed: number, cores: number): CpuBudget | undefined {
  const measured = processes.filter((figures) => figures.cpuS !== undefined && !figures.loadClient);
  if (measured.length === 0 || completed <= 0) return undefined;
  const client = processes.find((figures) => figures.loadClient && figures.cpuS !== undefined);
  const byGroup = new Map<string, number>();
  for (const figures of measured) byGroup.set(groupOf(figures.process), (byGroup.get(groupOf(figures.process)) ?? 0) + (figures.cpuS as number));
  const groups = [...byGroup].map(([group, cpuS]) => ({ group, msPerCashOut: (cpuS * 1000) / completed })).sort((a, b) => b.msPerCashOut - a.msPerCashOut);
  const totalMsPerCashOut = groups.reduce((sum, share) => sum + share.msPerCashOut, 0);
  return {
    groups,
    totalMsPerCashOut,
    ceilingPerSecond: totalMsPerCashOut > 0 ? (cores * 1000) / totalMsPerCashOut : 0,
    ...(client ? { loadClientMsPerCashOut: ((client.cpuS as number) * 1000) / completed } : {}),
  };
}

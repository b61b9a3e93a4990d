import { derivedRandom } from './seeded-random';

/** Service processes the suite kills (one instance at a time). */
export const SERVICE_FAULTS = ['gateway', 'ledger-wallets', 'auth', 'customer', 'risk-engine', 'notifications'] as const;
/** Servers the suite kills (the only one of each). */
export const SERVER_FAULTS = ['kafka', 'postgres', 'ferretdb', 'redis'] as const;
export const FAULT_KINDS = [...SERVICE_FAULTS, ...SERVER_FAULTS] as const;

export type ServiceFault = (typeof SERVICE_FAULTS)[number];
export type ServerFault = (typeof SERVER_FAULTS)[number];
export type FaultKind = (typeof FAULT_KINDS)[number];

export const isServiceFault = (kind: FaultKind): kind is ServiceFault => (SERVICE_FAULTS as readonly string[]).includes(kind);

export interface PlannedFault {
  index: number;
  kind: FaultKind;
  /** The instance a service fault kills; absent for a server. */
  instance?: number;
  /** Quiet time after the previous fault recovered (or after the load started), before this kill. */
  pauseBeforeMs: number;
  /** From the kill to the restart: how long the component stays down. */
  downtimeMs: number;
}

export interface FaultScheduleOptions {
  seed: number;
  kinds: readonly FaultKind[];
  /** Instances of each service: a service fault kills one of them. */
  instances: number;
  /** Every kind once per round, in an order of its own. */
  rounds: number;
  pauseMs: readonly [number, number];
  downtimeMs: readonly [number, number];
}

export function parseFaultKinds(list: string): FaultKind[] {
  const kinds = list
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  const unknown = kinds.filter((kind) => !(FAULT_KINDS as readonly string[]).includes(kind));
  if (unknown.length > 0) throw new Error(`unknown fault kind(s) ${unknown.join(', ')}; expected some of ${FAULT_KINDS.join(', ')}`);
  return [...new Set(kinds)] as FaultKind[];
}

/**
 * The faults of a run, decided by the seed alone: the order of the kinds in each round, the
 * instance killed, the pauses and downtimes. Timings of the run itself (how long a recovery
 * takes) never change the plan, so a seed replays the same sequence of faults.
 */
export function planFaults(options: FaultScheduleOptions): PlannedFault[] {
  if (options.instances < 1) throw new Error('at least one instance of each service');
  const plan: PlannedFault[] = [];
  for (let round = 0; round < options.rounds; round += 1) {
    const order = derivedRandom(options.seed, 'fault-order', round).shuffle(options.kinds);
    for (const kind of order) {
      const index = plan.length;
      const random = derivedRandom(options.seed, 'fault', index);
      plan.push({
        index,
        kind,
        ...(isServiceFault(kind) ? { instance: random.int(0, options.instances - 1) } : {}),
        pauseBeforeMs: random.int(options.pauseMs[0], options.pauseMs[1]),
        downtimeMs: random.int(options.downtimeMs[0], options.downtimeMs[1]),
      });
    }
  }
  return plan;
}

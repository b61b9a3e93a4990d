import type { StoreProbe } from '@cashout/chaos';
import { ProcessFigures } from '../figures/run-figures';

/** Reads the processes' figures over a run: `begin` when the load starts, `end` when it ends. */
export interface ProcessSampler {
  begin(): Promise<void>;
  end(): Promise<ProcessFigures[]>;
}

/** What the bench runs cash-outs against: one mode of the platform, started for the bench and stopped after it. */
export interface BenchTarget {
  mode: 'embedded' | 'stack';
  /** What runs, in words (for the table). */
  description: string;
  gatewayUrls: string[];
  processes: ProcessSampler;
  /** The risk reservations, where a store can be read from outside (Redis on the stack). */
  store: StoreProbe;
  stop(): Promise<void>;
}

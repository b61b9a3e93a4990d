import { MixOptions, planFlow } from '../domain/flow-plan';
import { CashOutFlow, FlowContext } from './cash-out-flow';
import { FlowRecord } from './flow-record';

/**
 * Runs cash-outs on `concurrency` workers, each starting the next flow of the plan as soon
 * as its previous one ended, until told to stop. Flow i is always planFlow(i): the mix
 * replays with the seed whatever the timings.
 */
export class LoadDriver {
  readonly records: FlowRecord[] = [];
  private started = 0;
  private stopping = false;
  private workers: Promise<void>[] = [];

  constructor(
    private readonly context: FlowContext,
    private readonly mix: MixOptions,
    private readonly concurrency: number,
  ) {}

  get flowsStarted(): number {
    return this.started;
  }

  get inFlight(): number {
    return this.started - this.records.length;
  }

  start(): void {
    this.workers = Array.from({ length: this.concurrency }, () => this.work());
  }

  /** Starts no new flow; resolves when the flows in progress have ended. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.workers);
  }

  count(outcome: FlowRecord['outcome']): number {
    return this.records.filter((record) => record.outcome === outcome).length;
  }

  private async work(): Promise<void> {
    while (!this.stopping) {
      const index = this.started;
      this.started += 1;
      this.records.push(await new CashOutFlow(this.context, planFlow(index, this.mix)).run());
    }
  }
}

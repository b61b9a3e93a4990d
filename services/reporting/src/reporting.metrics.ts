import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { gauge } from '@cashout/platform';
import { INTENT_STATUSES, IntentStatus } from '@cashout/shared-contracts';
import { READ_MODEL_REPOSITORY, ReadModelRepository } from './read-model.repository.port';

type Counts = Partial<Record<IntentStatus, number>>;

/** Counts are read again at most this often: a scrape every few seconds costs one aggregation, not one each. */
const FRESH_MS = 5_000;

/** The read model the gauge reads: the latest module's (a process may start the module more than once in tests). */
let source: { counts: () => Promise<Counts> } | undefined;
let cached: { at: number; counts: Counts } | undefined;

async function currentCounts(): Promise<Counts | undefined> {
  if (!source) return undefined;
  if (!cached || Date.now() - cached.at > FRESH_MS) cached = { at: Date.now(), counts: await source.counts() };
  return cached.counts;
}

const intentsByStatus = () =>
  gauge(
    'intents_by_status',
    'Intents in each status now, from the reporting read model (every reporting process reports the same figure: take max).',
    ['status'],
    async function collect() {
      const counts = await currentCounts().catch(() => undefined);
      if (!counts) return;
      for (const status of INTENT_STATUSES) this.set({ status }, counts[status] ?? 0);
    },
  );

/** Registers the gauge over this module's read model, and unhooks it when the module stops. */
@Injectable()
export class ReportingMetrics implements OnModuleInit, OnModuleDestroy {
  private readonly hook: { counts: () => Promise<Counts> };

  constructor(@Inject(READ_MODEL_REPOSITORY) readModel: ReadModelRepository) {
    this.hook = { counts: () => readModel.countByStatus() };
  }

  onModuleInit(): void {
    source = this.hook;
    cached = undefined;
    intentsByStatus();
  }

  onModuleDestroy(): void {
    if (source === this.hook) source = undefined;
  }
}

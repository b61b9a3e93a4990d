import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, Clock } from '@cashout/platform';
import { LEDGER_CONFIG, LedgerConfig } from '../config/ledger.config';
import { EXPIRABLE } from '../domain/intent';
import { expire } from '../domain/intent-saga';
import { INTENT_REPOSITORY, IntentRepository } from '../intent.repository.port';
import { IntentWorkflow } from '../intent-workflow';

/**
 * The deadline scheduler: expires intents past their deadline (with compensation) and
 * resumes PROCESSING intents a crash left behind. It reads the database, so it survives
 * restarts; with several instances, optimistic concurrency lets only one win each change.
 */
@Injectable()
export class IntentDeadlineSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('IntentDeadlineSweeper');
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    @Inject(INTENT_REPOSITORY) private readonly intents: IntentRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    private readonly workflow: IntentWorkflow,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.expirySweepIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sweeping;
  }

  private async tick(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = this.sweep()
      .catch((error: unknown) => this.logger.warn(`sweep failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.sweeping = undefined;
      });
    await this.sweeping;
  }

  /** One pass; public so tests can drive it with a manual clock. */
  async sweep(): Promise<void> {
    const now = this.clock.now();
    for (const intent of await this.intents.findExpired([...EXPIRABLE, 'DRAFT'], now, 100)) {
      await this.workflow.apply(intent.id, { messageId: `deadline-${randomUUID()}`, correlationId: intent.id }, (state, context) =>
        expire(state, context),
      );
    }
    const stalledBefore = new Date(now.getTime() - this.config.stalledAfterMs);
    for (const intent of await this.intents.findStalled(stalledBefore, 100)) {
      this.logger.warn(`resuming settlement of stalled intent ${intent.id}`);
      await this.workflow.settle(intent.id, { messageId: `resume-${randomUUID()}`, correlationId: intent.id });
    }
  }
}

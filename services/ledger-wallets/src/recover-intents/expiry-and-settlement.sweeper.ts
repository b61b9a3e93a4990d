import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, Clock } from '@cashout/platform';
import { LEDGER_CONFIG, LedgerConfig } from '../ledger.config';
import { EXPIRABLE, FINAL, IntentState } from '../domain/intent';
import { INTENT_REPOSITORY, IntentRepository } from '../intent.repository.port';
import { IntentSagaWorkflow } from '../intent-saga.workflow';
import { LEDGER_REPOSITORY, LedgerRepository } from '../ledger.repository.port';

/**
 * Finishes what a crash, a lost message or a dead-lettered one left half-way, on a timer
 * and from the database (so it survives restarts; with several instances, the streams let
 * one writer win each change):
 * - intents past their deadline expire, with compensation;
 * - a step waiting too long for its answer is asked for again (PROCESSING intents resume
 *   their posting), or given up when it cannot be re-sent;
 * - a hold that no live confirmation counts on any more is given back.
 */
@Injectable()
export class ExpiryAndSettlementSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ExpiryAndSettlementSweeper');
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    @Inject(INTENT_REPOSITORY) private readonly intents: IntentRepository,
    @Inject(LEDGER_REPOSITORY) private readonly ledger: LedgerRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    private readonly workflow: IntentSagaWorkflow,
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
      await this.workflow.apply(intent.id, this.cause('deadline', intent), { kind: 'deadline' });
    }
    const before = new Date(now.getTime() - this.config.stalledAfterMs);
    for (const intent of await this.intents.findStalled(before, 100)) {
      this.logger.warn(`intent ${intent.id}: no answer to its ${intent.pending?.step} step since ${intent.pending?.since}; asking again`);
      await this.workflow.apply(intent.id, this.cause('resume', intent), { kind: 'stalled', before });
    }
    await this.releaseOrphanHolds(before);
  }

  /**
   * A hold is an orphan once its intent ended, or moved on to another confirmation
   * attempt. Holds younger than the stall delay are left alone: their HoldPlaced answer may
   * still be on its way to the saga, which then releases a hold it no longer wants itself.
   */
  private async releaseOrphanHolds(before: Date): Promise<void> {
    for (const { walletId, hold } of await this.ledger.heldFunds()) {
      if (hold.placedAt > before.toISOString()) continue;
      const intent = hold.intentId ? await this.intents.findById(hold.intentId) : undefined;
      if (intent && !isOrphaned(intent, hold.holdId)) continue;
      this.logger.warn(`releasing orphaned hold ${hold.holdId} on ${walletId} (intent ${hold.intentId ?? 'unknown'}: ${intent?.phase ?? 'missing'})`);
      await this.ledger.releaseHold(walletId, hold.holdId);
    }
  }

  private cause(kind: string, intent: IntentState) {
    return { messageId: `${kind}-${randomUUID()}`, correlationId: intent.id };
  }
}

function isOrphaned(intent: IntentState, holdId: string): boolean {
  if (intent.phase === 'PROCESSING') return false;
  if (FINAL.includes(intent.phase)) return true;
  return intent.holdId !== holdId;
}

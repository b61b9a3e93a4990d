import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { foldIntentEvent } from '../domain/intent-facts';
import { READ_MODEL_REPOSITORY, ReadModelRepository } from '../read-model.repository.port';
import { ApplyIntentEventCommand } from './apply-intent-event.command';

/**
 * Applies one IntentStateChanged to the read model, position-aware: an event at or below
 * the last offset applied in its partition was applied already (a redelivery, or a replay
 * over kept data) and is skipped; otherwise the intent's facts are recomputed from the view
 * and stored with the event's position in one write.
 */
@CommandHandler(ApplyIntentEventCommand)
export class ApplyIntentEventHandler implements ICommandHandler<ApplyIntentEventCommand> {
  private readonly logger = new Logger(ApplyIntentEventHandler.name);
  /** The last offset applied per partition, read from the store once, then kept as this process writes. */
  private readonly lastOffsets = new Map<number, number>();

  constructor(@Inject(READ_MODEL_REPOSITORY) private readonly readModel: ReadModelRepository) {}

  async execute({ message, position }: ApplyIntentEventCommand): Promise<void> {
    const last = await this.lastAppliedOffset(position.partition);
    if (last !== undefined && position.offset <= last) return;
    const folded = foldIntentEvent(await this.readModel.findIntent(message.payload.intent.id), message.payload, position);
    if (folded.kind === 'skipped') {
      this.logger.debug(`${message.payload.intent.id} at ${position.partition}:${position.offset} skipped (${folded.reason})`);
      return;
    }
    await this.readModel.save(folded.facts);
    this.lastOffsets.set(position.partition, Math.max(position.offset, last ?? -1));
  }

  /**
   * A partition this process has not written yet is read from the store: after a restart or
   * a rebalance the cache may lag the store (another instance wrote meanwhile), which only
   * makes the per-intent check decide, never skips an event not yet applied.
   */
  private async lastAppliedOffset(partition: number): Promise<number | undefined> {
    const cached = this.lastOffsets.get(partition);
    if (cached !== undefined) return cached;
    const stored = await this.readModel.lastAppliedOffset(partition);
    if (stored !== undefined) this.lastOffsets.set(partition, stored);
    return stored;
  }
}

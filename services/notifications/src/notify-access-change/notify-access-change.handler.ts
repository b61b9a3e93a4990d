import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { NotificationKind } from '@cashout/shared-contracts';
import { CLOCK, Clock } from '@cashout/platform';
import { accessChangeText } from '../domain/message-text';
import { NotificationDispatcher } from '../dispatch/notification-dispatcher';
import { NOTIFICATION_RECORD_REPOSITORY, NotificationRecordRepository, dispatchIdForAccessChange } from '../notification-record.repository.port';
import { NotifyAccessChangeCommand } from './notify-access-change.command';

/**
 * Tells a user on their phone that their PIN was locked or that staff lifted the lock. The
 * change carries no channel preference (staff and agents have no customer profile), so the
 * dispatcher routes it to its default channel.
 */
@CommandHandler(NotifyAccessChangeCommand)
export class NotifyAccessChangeHandler implements ICommandHandler<NotifyAccessChangeCommand> {
  constructor(
    @Inject(NOTIFICATION_RECORD_REPOSITORY) private readonly records: NotificationRecordRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly dispatcher: NotificationDispatcher,
  ) {}

  async execute({ message }: NotifyAccessChangeCommand): Promise<void> {
    const { userId, phone, change, tokenVersion, lockedUntil, changedAt } = message.payload;
    // The token version rises with every change of a user's access: it names the change, so
    // a redelivered (or re-read, the topic being compacted) change is told once.
    const id = dispatchIdForAccessChange(userId, tokenVersion);
    if (await this.records.findById(id)) return;

    const kind: NotificationKind = change === 'LOCKED' ? 'ACCESS_LOCKED' : 'ACCESS_UNLOCKED';
    const text = accessChangeText({ change, lockedUntil, changedAt });
    const result = await this.dispatcher.dispatch({
      userId,
      customerPhone: phone,
      kind,
      subject: change === 'LOCKED' ? 'Your PIN was locked' : 'Your PIN lock was lifted',
      text,
      recorded: { body: text },
    });
    // A lost race means another delivery recorded the same change: nothing more to do.
    await this.records.append({
      id,
      version: 1,
      userId,
      kind,
      records: result.records,
      outbox: [],
      createdAt: this.clock.now().toISOString(),
    });
  }
}

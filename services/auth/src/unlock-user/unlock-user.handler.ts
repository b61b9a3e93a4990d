import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ReplyBody } from '@cashout/shared-contracts';
import { CLOCK, Clock, MESSAGE_BUS, MessageBus, MessageFactory, OutboxBatch } from '@cashout/platform';
import { AuthOutboxRelay } from '../auth.outbox-relay';
import { unlockedPin } from '../domain/pin-attempt';
import { accessChanged, withTokensRevoked } from '../domain/user-access';
import { USER_REPOSITORY, UserDocument, UserRepository } from '../user.repository.port';
import { retryOnWriteConflict } from '../write-conflict';
import { UnlockUserCommand } from './unlock-user.command';

/** Whether there is anything to lift: a lock, failures, or locks in a row that would double the next. */
const hasLock = (user: UserDocument) => user.locked || user.failures > 0 || (user.lockouts ?? 0) > 0;

/**
 * Staff lifting a user's PIN lock. The new version of the user records who lifted it and
 * when (`lastUnlock`; every version is a line of the user's stream, so each unlock stays in
 * its history), and a warning is logged. Lifting a lock twice changes nothing the second time.
 */
@CommandHandler(UnlockUserCommand)
export class UnlockUserHandler implements ICommandHandler<UnlockUserCommand> {
  private readonly logger = new Logger(UnlockUserHandler.name);

  constructor(
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly messages: MessageFactory,
    private readonly relay: AuthOutboxRelay,
  ) {}

  async execute({ message }: UnlockUserCommand): Promise<void> {
    const { userId, unlockedBy } = message.payload;
    let body: ReplyBody = { kind: 'error', error: { code: 'NOT_FOUND', message: `no user with id ${userId}` } };
    let written: OutboxBatch | undefined;
    await retryOnWriteConflict(`UnlockUser ${userId}`, async () => {
      const user = await this.users.findById(userId);
      if (!user) return true;
      const view = { id: user.id, role: user.role, phone: user.phone };
      if (!hasLock(user)) {
        body = { kind: 'user-unlocked', user: view, wasLocked: false };
        return true;
      }
      const now = this.clock.now();
      // Lifting a lock also revokes the user's tokens: whoever held one while it was locked must log in again.
      const next: UserDocument = { ...withTokensRevoked(unlockedPin(user)), lastUnlock: { by: unlockedBy, at: now.toISOString() }, version: user.version + 1 };
      const notice = this.messages.reply(message, 'UserAccessChanged', accessChanged(next, 'UNLOCKED', now), user.id);
      const outbox = [{ id: notice.envelope.messageId, message: notice }];
      if (!(await this.users.save(next, outbox))) return false;
      written = this.users.batchOf(next, outbox);
      this.logger.warn(`PIN lock of user ${user.id} lifted by ${unlockedBy}; its tokens are revoked`);
      body = { kind: 'user-unlocked', user: view, wasLocked: true };
      return true;
    });
    if (written) await this.relay.relayNow(this.users, written);
    await this.bus.publish([this.messages.reply(message, 'GatewayReply', body)]);
  }
}
